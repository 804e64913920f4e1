package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.Fixtures;
import io.vigil.alert.support.StandardSubscriptionTest;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repeats group into one alert, severity only rises, and people move alerts through their lifecycle. */
@QuarkusTest
class AlertLifecycleTest extends StandardSubscriptionTest {

    private static final String ALERTS = "/api/v1/subscriptions/{sub}/alerts";
    private static final String ONE = ALERTS + "/{id}";
    private static final String PROBLEM = "application/problem+json";
    private static final String DOMAIN_ADMIN = "/events/windows/new-account-made-domain-admin.json";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private MachineRef machine;

    @BeforeEach
    void machine() {
        machine = new MachineRef(subscription, "rg", "dc-01");
    }

    @Test
    void updatesTheOpenAlertForARepeatAndRaisesAnotherForADifferentSubject() {
        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.5", 10, T0)));
        String first = onlyAlertId();

        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.5", 4, T0.plus(Duration.ofHours(6)))));
        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.6", 10, T0)));

        JsonPath alerts =
                given().when().get(ALERTS, subscription).then().extract().jsonPath();
        assertEquals(2, alerts.getList("value").size());
        JsonPath repeated = alerts.setRootPath("value.find { it.id == '" + first + "' }");
        assertEquals(14, repeated.getInt("eventCount"));
        assertEquals("2026-11-30T14:00:15Z", repeated.getString("endTimeUtc"));
        given().when()
                .get(ONE, subscription, first)
                .then()
                .body("evidence", hasSize(14))
                .body("evidence[13].timeUtc", equalTo("2026-11-30T14:00:15Z"));
    }

    @Test
    void raisesTheSeverityWhenARepeatIsMoreSeriousAndSaysSo() {
        List<NormalizedEvent> events = Fixtures.events(DOMAIN_ADMIN);
        delivery.deliver(delivery.events(machine, events.subList(0, 3)));
        JsonPath before = alerts("alertType", "AccountAddedToAdministrators");
        assertEquals("Medium", before.getString("value[0].severity"));

        delivery.deliver(delivery.events(machine, events.subList(3, events.size())));

        JsonPath after = alerts("alertType", "AccountAddedToAdministrators");
        assertEquals(1, after.getList("value").size());
        assertEquals(before.getString("value[0].id"), after.getString("value[0].id"));
        assertEquals("High", after.getString("value[0].severity"));
        assertEquals("Medium", after.getString("value[0].escalatedFrom"));
        assertEquals(2, after.getInt("value[0].eventCount"));
        given().when()
                .get(ONE, subscription, after.getString("value[0].id"))
                .then()
                .body("description", containsString("'Domain Admins'"))
                .body(
                        "description",
                        containsString(
                                "Severity raised from Medium to High: added to a domain-wide administrators group."))
                .body("history.find { it.change == 'Severity' }.from", equalTo("Medium"))
                .body("history.find { it.change == 'Severity' }.to", equalTo("High"))
                .body("history.find { it.change == 'Severity' }.by", equalTo("detection"));
    }

    @Test
    void endsInTheSameEscalatedAlertWhetherItsEventsCameInOneDeliveryOrInTwo() {
        delivery.deliver(delivery.events(machine, Fixtures.events(DOMAIN_ADMIN)));
        String split = standardSubscription();
        MachineRef same = new MachineRef(split, "rg", "dc-01");
        List<NormalizedEvent> events = Fixtures.events(DOMAIN_ADMIN);
        delivery.deliver(delivery.events(same, events.subList(0, 3)));
        delivery.deliver(delivery.events(same, events.subList(3, events.size())));

        JsonPath whole = escalated(subscription);
        JsonPath inTwo = escalated(split);
        assertEquals("High", whole.getString("severity"));
        assertEquals("Medium", whole.getString("escalatedFrom"));
        assertTrue(whole.getString("description")
                .endsWith("Severity raised from Medium to High: added to a domain-wide administrators group."));
        for (String field : List.of("severity", "escalatedFrom", "eventCount", "startTimeUtc", "endTimeUtc")) {
            assertEquals(whole.getString(field), inTwo.getString(field), field);
        }
        assertEquals(whole.getString("description"), inTwo.getString("description"));
        String changes = "history.collect { [it.change, it.from, it.to, it.by, it.note] }";
        assertEquals(
                "[[Status, null, Active, detection, null], [Severity, Medium, High, detection, added to a"
                        + " domain-wide administrators group]]",
                whole.getString(changes));
        assertEquals(whole.getString(changes), inTwo.getString(changes));
    }

    private static JsonPath escalated(String sub) {
        String id = given().queryParam("alertType", "AccountAddedToAdministrators")
                .when()
                .get(ALERTS, sub)
                .then()
                .body("value", hasSize(1))
                .extract()
                .path("value[0].id");
        return given().when().get(ONE, sub, id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void recordsWhoChangedTheStatusAndWhen() {
        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.7", 10, T0)));
        String id = onlyAlertId();

        for (String action : List.of("inProgress", "resolve", "activate", "dismiss")) {
            given().when().post(ONE + "/" + action, subscription, id).then().statusCode(200);
        }

        JsonPath alert =
                given().when().get(ONE, subscription, id).then().extract().jsonPath();
        assertEquals("Dismissed", alert.getString("status"));
        assertEquals(List.of("Active", "InProgress", "Resolved", "Active", "Dismissed"), alert.getList("history.to"));
        assertEquals("detection", alert.getString("history[0].by"));
        assertEquals(
                List.of("tester@vigil.test"),
                alert.getList("history[1..4].by").stream().distinct().toList());
        Instant changed = Instant.parse(alert.getString("history[4].timeUtc"));
        assertEquals(true, Duration.between(changed, Instant.now()).abs().toMinutes() < 5);
    }

    @Test
    void refusesAnIllegalTransitionWithAConflict() {
        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.8", 10, T0)));
        String id = onlyAlertId();
        given().when().post(ONE + "/resolve", subscription, id).then().statusCode(200);

        for (String action : List.of("dismiss", "inProgress")) {
            given().when()
                    .post(ONE + "/" + action, subscription, id)
                    .then()
                    .statusCode(409)
                    .contentType(PROBLEM)
                    .body("type", equalTo("/problems/illegal-transition"));
        }
        given().when()
                .post(ONE + "/resolve", subscription, id)
                .then()
                .statusCode(200)
                .body("status", equalTo("Resolved"))
                .body("history", nullValue());
    }

    @Test
    void changesTheStatusOfManyAlertsAtOnce() throws Exception {
        int count = 16;
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.addAll(Events.failures("203.0.113." + (100 + i), 10, T0));
        }
        delivery.deliver(delivery.events(machine, events));
        List<String> ids = alerts(null, null).getList("value.id");
        assertEquals(count, ids.size());

        List<String> actions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            actions.add(i % 2 == 0 ? "dismiss" : "inProgress");
        }
        ExecutorService callers = Executors.newFixedThreadPool(count);
        try {
            for (int status : postAtOnce(callers, ids, actions)) {
                assertEquals(200, status);
            }
        } finally {
            callers.shutdownNow();
        }

        JsonPath after = alerts(null, null);
        assertEquals(
                count / 2,
                after.getList("value.findAll { it.status == 'Dismissed' }").size());
        assertEquals(
                count / 2,
                after.getList("value.findAll { it.status == 'InProgress' }").size());
    }

    @Test
    void changesOfOneAlertAtOnceAreAppliedOneAfterAnotherAndEachIsRecorded() throws Exception {
        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.9", 10, T0)));
        String id = onlyAlertId();
        List<String> closing = List.of("resolve", "inProgress", "dismiss");

        ExecutorService callers = Executors.newFixedThreadPool(12);
        try {
            for (int round = 0; round < 3; round++) {
                List<String> actions = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    actions.add(closing.get(i % closing.size()));
                }
                assertEachAnsweredOkOrConflict(callers, id, actions);
                assertEachAnsweredOkOrConflict(callers, id, List.of("activate", "activate", "activate", "activate"));
            }
        } finally {
            callers.shutdownNow();
        }

        JsonPath alert =
                given().when().get(ONE, subscription, id).then().extract().jsonPath();
        List<String> from = alert.getList("history.from");
        List<String> to = alert.getList("history.to");
        for (int i = 1; i < to.size(); i++) {
            assertEquals(to.get(i - 1), from.get(i), "change " + i + " of " + to + " starts where the last one ended");
        }
        assertEquals(alert.getString("status"), to.get(to.size() - 1));
    }

    private void assertEachAnsweredOkOrConflict(ExecutorService callers, String id, List<String> actions)
            throws Exception {
        for (int status : postAtOnce(callers, Collections.nCopies(actions.size(), id), actions)) {
            assertTrue(status == 200 || status == 409, "answered " + status);
        }
    }

    /** Asks for the i-th action on the i-th alert, all at once, and answers the statuses in the same order. */
    private List<Integer> postAtOnce(ExecutorService callers, List<String> ids, List<String> actions) throws Exception {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String action = actions.get(i);
            answers.add(CompletableFuture.supplyAsync(
                    () -> given().when()
                            .post(ONE + "/" + action, subscription, id)
                            .statusCode(),
                    callers));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> answer : answers) {
            statuses.add(answer.get(30, TimeUnit.SECONDS));
        }
        return statuses;
    }

    private String onlyAlertId() {
        return given().when()
                .get(ALERTS, subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .extract()
                .path("value[0].id");
    }
}
