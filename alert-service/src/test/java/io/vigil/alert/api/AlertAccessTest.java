package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.PolicyStub;
import io.vigil.common.events.EventBatch;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.security.Headers;
import io.vigil.testing.Callers;
import io.vigil.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may read and change alerts, read the rule catalogue, and deliver the events alerts are raised from. */
@QuarkusTest
class AlertAccessTest {

    private static final String LIST = "/api/v1/subscriptions/{sub}/alerts";
    private static final String ONE = LIST + "/{id}";
    private static final String PROBLEM = "application/problem+json";
    private static final String ATTACKER = "203.0.113.77";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final int THRESHOLD = 10;
    /** Far from the ids of the other test classes, which count up from the time the run started. */
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(Long.MAX_VALUE / 2);

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    private String subscriptionA;
    private String subscriptionB;
    private MachineRef hostInA;

    @BeforeEach
    void twoStandardSubscriptions() {
        Callers.everyRequestAsAdmin();
        subscriptionA = "sub-" + UUID.randomUUID();
        subscriptionB = "sub-" + UUID.randomUUID();
        PolicyStub.setPricingTier(subscriptionA, "Standard");
        PolicyStub.setPricingTier(subscriptionB, "Standard");
        hostInA = new MachineRef(subscriptionA, "Web-RG", "host01");
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void refusesMessagesWithoutTheCollectorsCredentialAndStoresNothing() {
        String batch = batch(bruteForceOn(hostInA));
        Callers.everyRequestAnonymous();

        postMessages(given(), batch).statusCode(401).contentType(PROBLEM);
        postMessages(given().header(Headers.SERVICE_CREDENTIAL, Callers.COLLECTOR_WITH_WRONG_TOKEN), batch)
                .statusCode(403)
                .contentType(PROBLEM);
        postMessages(given().header(Callers.AUTHORIZATION, Callers.bearer(TestTokens.admin("*"))), batch)
                .statusCode(401)
                .contentType(PROBLEM);

        assertEquals(0, storedEvents(hostInA));
        as(TestTokens.admin(subscriptionA))
                .get(LIST, subscriptionA)
                .then()
                .statusCode(200)
                .body("value", empty());
        // The refused ids were not taken into the inbox: the same batch is processed when the collector sends it.
        postMessages(given().header(Headers.SERVICE_CREDENTIAL, Callers.COLLECTOR_CREDENTIAL), batch)
                .statusCode(204);
        assertEquals(THRESHOLD, storedEvents(hostInA));
    }

    @Test
    void letsAReaderListAndReadButNotChangeAnAlert() {
        String id = raiseAlertInA();
        String reader = TestTokens.reader(subscriptionA);
        Callers.everyRequestAnonymous();

        as(reader).get(LIST, subscriptionA).then().statusCode(200).body("value.id", equalTo(List.of(id)));
        as(reader).get(ONE, subscriptionA, id).then().statusCode(200);
        for (String action : List.of("dismiss", "resolve", "inProgress", "activate")) {
            as(reader)
                    .post(ONE + "/" + action, subscriptionA, id)
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM);
        }

        as(reader).get(ONE, subscriptionA, id).then().body("status", equalTo("Active"));
    }

    @Test
    void answersNotFoundForAnAlertOfAnotherSubscriptionAskedForUnderAGrantedOne() {
        String id = raiseAlertInA();
        String adminOfB = TestTokens.admin(subscriptionB);
        Callers.everyRequestAnonymous();

        as(adminOfB)
                .get(ONE, subscriptionB, id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("/problems/not-found"));
        as(adminOfB)
                .post(ONE + "/dismiss", subscriptionB, id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        as(adminOfB).get(LIST, subscriptionB).then().statusCode(200).body("value", empty());

        as(TestTokens.admin(subscriptionA))
                .get(ONE, subscriptionA, id)
                .then()
                .statusCode(200)
                .body("status", equalTo("Active"));
    }

    @Test
    void refusesACallerGrantedOnlyAnotherSubscription() {
        String id = raiseAlertInA();
        Callers.everyRequestAnonymous();

        as(TestTokens.reader(subscriptionB))
                .get(LIST, subscriptionA)
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        as(TestTokens.admin(subscriptionB))
                .post(ONE + "/dismiss", subscriptionA, id)
                .then()
                .statusCode(403)
                .contentType(PROBLEM);

        as(TestTokens.reader(subscriptionA))
                .get(ONE, subscriptionA, id)
                .then()
                .statusCode(200)
                .body("status", equalTo("Active"));
    }

    @Test
    void publishesTheRuleCatalogueToAnyReaderOrAdminButNotToAnonymousCallers() {
        Callers.everyRequestAnonymous();

        as(TestTokens.reader(subscriptionA))
                .get("/api/v1/detectionRules")
                .then()
                .statusCode(200)
                .body("value[0].ruleId", equalTo("SshBruteForce"));
        as(TestTokens.admin(subscriptionB)).get("/api/v1/detectionRules").then().statusCode(200);
        given().when().get("/api/v1/detectionRules").then().statusCode(401).contentType(PROBLEM);
        as(TestTokens.expired(subscriptionA))
                .get("/api/v1/detectionRules")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
    }

    private String raiseAlertInA() {
        postMessages(given(), batch(bruteForceOn(hostInA))).statusCode(204);
        return given().when()
                .get(LIST, subscriptionA)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .extract()
                .path("value[0].id");
    }

    private Message bruteForceOn(MachineRef machine) {
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < THRESHOLD; i++) {
            events.add(Events.failedLogon(T0.plusSeconds(5L * i), ATTACKER, "root", 1));
        }
        return new Message(
                MESSAGE_IDS.incrementAndGet(),
                MessageKinds.EVENTS_NORMALIZED,
                machine.key(),
                json.valueToTree(new EventBatch(machine, events)));
    }

    private String batch(Message... messages) {
        try {
            return json.writeValueAsString(new MessageBatch("collector", List.of(messages)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification as(String token) {
        return given().header(Callers.AUTHORIZATION, Callers.bearer(token)).when();
    }

    private static ValidatableResponse postMessages(RequestSpecification request, String batch) {
        return request.contentType(ContentType.JSON)
                .body(batch)
                .when()
                .post("/internal/messages")
                .then();
    }

    private long storedEvents(MachineRef machine) {
        return pool.preparedQuery("select count(*) from alert.event where machine_key = $1")
                .execute(Tuple.of(machine.key()))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .atMost(Duration.ofSeconds(10));
    }
}
