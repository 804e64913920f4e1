package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.support.AuthLogReader;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.PolicyStub;
import io.vigil.common.events.EventBatch;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AlertResourceTest {

    private static final String SOURCE = "collector";
    private static final String RESOURCE_GROUP = "Web-RG";
    private static final String MACHINE = "host01";
    private static final String ATTACKER = "203.0.113.77";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final String FIXTURE = "/fixtures/linux/auth/secure-rhel7.log";
    private static final String PROBLEM = "application/problem+json";
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(System.currentTimeMillis());

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @BeforeEach
    void callAsAdminAndCollector() {
        Callers.everyRequestAsAdmin();
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void raisesAnAlertWhenFailedLogonsReachTheThreshold() {
        String subscription = standardSubscription();
        MachineRef machine = machine(subscription);
        List<NormalizedEvent> events = new ArrayList<>(failures(12, ATTACKER, "root", T0));
        events.add(Events.failedLogon(T0.plusSeconds(30), ATTACKER, "admin", 1));
        events.add(Events.successfulLogon(T0.plusSeconds(60), "198.51.100.10", "alice"));

        deliver(message(machine, events));

        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("nextLink", nullValue())
                .body("value[0].id", notNullValue())
                .body("value[0].alertType", equalTo("SshBruteForce"))
                .body("value[0].displayName", notNullValue())
                .body("value[0].severity", equalTo("Medium"))
                .body("value[0].status", equalTo("Active"))
                .body("value[0].intent", equalTo("CredentialAccess"))
                .body("value[0].compromisedEntity", equalTo(machine.resourceId()))
                .body("value[0].eventCount", equalTo(13))
                .body("value[0].startTimeUtc", equalTo("2026-11-30T08:00:00Z"))
                .body("value[0].endTimeUtc", equalTo("2026-11-30T08:00:55Z"))
                .body("value[0].description", containsString(ATTACKER))
                .body("value[0].description", containsString(MACHINE))
                .body("value[0].description", containsString("13 failed SSH logons"))
                .body("value[0].entities.find { it.type == 'ip' }.address", equalTo(ATTACKER))
                .body("value[0].entities.find { it.type == 'host' }.resourceId", equalTo(machine.resourceId()))
                .body("value[0].entities.findAll { it.type == 'account' }.name", equalTo(List.of("admin", "root")))
                .body("value[0].remediationSteps", hasItem(containsString("Linux")))
                .body("value[0].remediationSteps", hasItem(containsString("Windows")))
                .body("value[0].evidence", nullValue());
    }

    @Test
    void updatesTheOpenAlertWhenMoreFailuresFromTheSameSourceArrive() {
        String subscription = standardSubscription();
        MachineRef machine = machine(subscription);

        deliver(message(machine, failures(10, ATTACKER, "root", T0)));
        deliver(message(machine, failures(3, ATTACKER, "oracle", T0.plus(Duration.ofHours(2)))));

        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].eventCount", equalTo(13))
                .body("value[0].startTimeUtc", equalTo("2026-11-30T08:00:00Z"))
                .body("value[0].endTimeUtc", equalTo("2026-11-30T10:00:10Z"))
                .body("value[0].entities.findAll { it.type == 'account' }.name", equalTo(List.of("oracle", "root")));
    }

    @Test
    void raisesNothingBelowTheThreshold() {
        String subscription = standardSubscription();

        deliver(message(machine(subscription), failures(9, ATTACKER, "root", T0)));

        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", empty());
    }

    @Test
    void raisesAnAlertForAnIpv6Source() {
        String subscription = standardSubscription();

        deliver(message(machine(subscription), failures(10, "2001:DB8:0:0::7", "root", T0)));

        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].entities.find { it.type == 'ip' }.address", equalTo("2001:db8::7"));
    }

    @Test
    void dropsARepeatedMessageIdAndChangesNoCount() {
        String subscription = standardSubscription();
        MachineRef machine = machine(subscription);
        long messageId = MESSAGE_IDS.incrementAndGet();

        deliver(new Message(
                messageId,
                MessageKinds.EVENTS_NORMALIZED,
                machine.key(),
                payload(machine, failures(10, ATTACKER, "root", T0))));
        deliver(new Message(
                messageId,
                MessageKinds.EVENTS_NORMALIZED,
                machine.key(),
                payload(machine, failures(5, ATTACKER, "root", T0.plusSeconds(100)))));

        assertEquals(10, storedEvents(machine));
        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].eventCount", equalTo(10));
    }

    @Test
    void storesEventsButRaisesNothingOnTheFreeTier() {
        String subscription = subscription();
        PolicyStub.setPricingTier(subscription, "Free");
        MachineRef machine = machine(subscription);

        deliver(message(machine, failures(20, ATTACKER, "root", T0)));

        assertEquals(20, storedEvents(machine));
        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", empty());
    }

    @Test
    void storesNothingWhileThePolicyCannotBeReadSoTheRedeliveryCounts() {
        String subscription = standardSubscription();
        MachineRef machine = machine(subscription);
        Message message = message(machine, failures(10, ATTACKER, "root", T0));
        PolicyStub.setUnavailable(subscription, true);

        given().contentType(ContentType.JSON)
                .body(batch(message))
                .when()
                .post("/internal/messages")
                .then()
                .statusCode(503)
                .contentType(PROBLEM);
        assertEquals(0, storedEvents(machine));

        PolicyStub.setUnavailable(subscription, false);
        deliver(message);

        assertEquals(10, storedEvents(machine));
        onlyAlertId(subscription);
    }

    @Test
    void raisesExactlyTheThreeAlertsOfTheRhelSecureLogWhateverTheOrder() {
        String subscription = standardSubscription();
        MachineRef machine = machine(subscription);
        List<NormalizedEvent> events = new ArrayList<>(AuthLogReader.read(FIXTURE));
        Collections.shuffle(events, new Random(7));

        for (int start = 0; start < events.size(); start += 100) {
            List<NormalizedEvent> slice = events.subList(start, Math.min(events.size(), start + 100));
            deliver(
                    message(machine, slice.subList(0, slice.size() / 2)),
                    message(machine, slice.subList(slice.size() / 2, slice.size())));
        }

        JsonPath alerts = given().when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(3))
                .extract()
                .jsonPath();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> starts = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String address = alerts.getString("value[" + i + "].entities.find { it.type == 'ip' }.address");
            counts.put(address, alerts.getInt("value[" + i + "].eventCount"));
            starts.put(address, alerts.getString("value[" + i + "].startTimeUtc"));
            assertEquals(machine.resourceId(), alerts.getString("value[" + i + "].compromisedEntity"));
        }
        assertEquals(Map.of("203.0.113.10", 213, "203.0.113.20", 61, "203.0.113.30", 78), counts);
        String day = AuthLogReader.FIXTURE_YEAR + "-02-22T";
        assertEquals(
                Map.of(
                        "203.0.113.10",
                        day + "16:45:20Z",
                        "203.0.113.20",
                        day + "16:45:57Z",
                        "203.0.113.30",
                        day + "16:59:17Z"),
                starts);
    }

    @Test
    void showsTheFirstAndLatestTriggeringEventsAsEvidence() {
        String subscription = standardSubscription();
        deliver(message(machine(subscription), failures(30, ATTACKER, "root", T0)));
        String id = onlyAlertId(subscription);

        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts/{id}", subscription, id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("eventCount", equalTo(30))
                .body("evidence", hasSize(20))
                .body("evidence[0].timeUtc", equalTo("2026-11-30T08:00:00Z"))
                .body("evidence[19].timeUtc", equalTo("2026-11-30T08:02:25Z"))
                .body("evidence[0].raw", containsString("Failed password for root from " + ATTACKER))
                .body("evidence[0].sourceAddress", equalTo(ATTACKER));
    }

    @Test
    void answersNotFoundForAnAlertOfAnotherSubscription() {
        String subscription = standardSubscription();
        deliver(message(machine(subscription), failures(10, ATTACKER, "root", T0)));
        String id = onlyAlertId(subscription);

        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts/{id}", subscription(), id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("/problems/not-found"));
        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts/{id}", subscription, UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void dismissesAnAlertAndFiltersByStatus() {
        String subscription = standardSubscription();
        deliver(message(machine(subscription), failures(10, ATTACKER, "root", T0)));
        String id = onlyAlertId(subscription);

        given().when()
                .post("/api/v1/subscriptions/{sub}/alerts/{id}/dismiss", subscription, id)
                .then()
                .statusCode(200)
                .body("status", equalTo("Dismissed"));

        given().queryParam("status", "Active")
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", empty());
        given().queryParam("status", "Dismissed")
                .queryParam("alertType", "SshBruteForce")
                .queryParam("machine", "HOST01")
                .queryParam("resourceGroup", "web-rg")
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value.id", equalTo(List.of(id)));
    }

    @Test
    void raisesANewAlertForFailuresAfterADismissedOne() {
        String subscription = standardSubscription();
        MachineRef machine = machine(subscription);
        deliver(message(machine, failures(10, ATTACKER, "root", T0)));
        String first = onlyAlertId(subscription);
        given().when()
                .post("/api/v1/subscriptions/{sub}/alerts/{id}/dismiss", subscription, first)
                .then()
                .statusCode(200);

        deliver(message(machine, failures(10, ATTACKER, "root", T0.plus(Duration.ofDays(1)))));

        given().queryParam("status", "Active")
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].eventCount", equalTo(10))
                .body("value[0].startTimeUtc", equalTo("2026-12-01T08:00:00Z"));
        given().when()
                .post("/api/v1/subscriptions/{sub}/alerts/{id}/activate", subscription, first)
                .then()
                .statusCode(409)
                .contentType(PROBLEM);
    }

    @Test
    void pagesNewestFirstWithNextLinks() {
        String subscription = standardSubscription();
        MachineRef machine = machine(subscription);
        deliver(
                message(machine, failures(10, "203.0.113.1", "root", T0)),
                message(machine, failures(10, "203.0.113.2", "root", T0.plusSeconds(600))),
                message(machine, failures(10, "203.0.113.3", "root", T0.plusSeconds(1200))));

        List<String> starts = new ArrayList<>();
        String next = "/api/v1/subscriptions/" + subscription + "/alerts?limit=2";
        while (next != null) {
            JsonPath page =
                    given().when().get(next).then().statusCode(200).extract().jsonPath();
            starts.addAll(page.getList("value.startTimeUtc"));
            next = page.getString("nextLink");
        }

        assertEquals(List.of("2026-11-30T08:20:00Z", "2026-11-30T08:10:00Z", "2026-11-30T08:00:00Z"), starts);
    }

    @Test
    void filtersByTime() {
        String subscription = standardSubscription();
        MachineRef machine = machine(subscription);
        deliver(
                message(machine, failures(10, "203.0.113.1", "root", T0)),
                message(machine, failures(10, "203.0.113.2", "root", T0.plus(Duration.ofDays(1)))));

        given().queryParam("from", "2026-12-01T00:00:00Z")
                .queryParam("to", "2026-12-02T00:00:00+00:00")
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].startTimeUtc", equalTo("2026-12-01T08:00:00Z"));
    }

    @Test
    void publishesTheRuleCatalogueWithItsDefaults() {
        given().when()
                .get("/api/v1/detectionRules")
                .then()
                .statusCode(200)
                .body("value[0].ruleId", equalTo("SshBruteForce"))
                .body("value[0].enabled", equalTo(true))
                .body("value[0].threshold", equalTo(10))
                .body("value[0].window", equalTo("PT5M"))
                .body("value[0].severity", equalTo("Medium"));
    }

    @Test
    void refusesMalformedJson() {
        given().contentType(ContentType.JSON)
                .body("{\"source\": \"collector\", \"messages\": [")
                .when()
                .post("/internal/messages")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void refusesAMessageWhoseMachineNameIsInvalid() {
        MachineRef machine = new MachineRef(subscription(), RESOURCE_GROUP, "bad name!");
        given().contentType(ContentType.JSON)
                .body(batch(message(machine, failures(1, ATTACKER, "root", T0))))
                .when()
                .post("/internal/messages")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("machine"));
    }

    @Test
    void refusesAnUnknownEnumValueInAFilter() {
        given().queryParam("severity", "Critical")
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription())
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("severity"));
    }

    @Test
    void refusesAnInvalidSubscriptionId() {
        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts", "Not_A_Subscription")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("subscriptionId"));
    }

    @Test
    void refusesBadTimesLimitsAndIds() {
        String subscription = subscription();
        given().queryParam("from", "yesterday")
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().queryParam("from", "+999999999-12-31T23:59:59Z")
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("from"));
        given().queryParam("limit", 201)
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().queryParam("limit", "all")
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("skipToken", "garbage")
                .when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().when()
                .get("/api/v1/subscriptions/{sub}/alerts/{id}", subscription, "not-a-uuid")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().when()
                .post("/api/v1/subscriptions/{sub}/alerts/{id}/escalate", subscription, UUID.randomUUID())
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    private static String subscription() {
        return "sub-" + UUID.randomUUID();
    }

    private static String standardSubscription() {
        String subscription = subscription();
        PolicyStub.setPricingTier(subscription, "Standard");
        return subscription;
    }

    private static MachineRef machine(String subscription) {
        return new MachineRef(subscription, RESOURCE_GROUP, MACHINE);
    }

    private static List<NormalizedEvent> failures(int count, String source, String account, Instant first) {
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Events.failedLogon(first.plusSeconds(5L * i), source, account, 1));
        }
        return events;
    }

    private Message message(MachineRef machine, List<NormalizedEvent> events) {
        return new Message(
                MESSAGE_IDS.incrementAndGet(), MessageKinds.EVENTS_NORMALIZED, machine.key(), payload(machine, events));
    }

    private com.fasterxml.jackson.databind.JsonNode payload(MachineRef machine, List<NormalizedEvent> events) {
        return json.valueToTree(new EventBatch(machine, List.copyOf(events)));
    }

    private String batch(Message... messages) {
        try {
            return json.writeValueAsString(new MessageBatch(SOURCE, List.of(messages)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deliver(Message... messages) {
        given().contentType(ContentType.JSON)
                .body(batch(messages))
                .when()
                .post("/internal/messages")
                .then()
                .statusCode(204);
    }

    private static String onlyAlertId(String subscription) {
        return given().when()
                .get("/api/v1/subscriptions/{sub}/alerts", subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .extract()
                .path("value[0].id");
    }

    private long storedEvents(MachineRef machine) {
        return pool.preparedQuery("select count(*) from alert.event where machine_key = $1")
                .execute(Tuple.of(machine.key()))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .atMost(Duration.ofSeconds(10));
    }
}
