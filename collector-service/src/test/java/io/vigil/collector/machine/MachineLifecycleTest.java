package io.vigil.collector.machine;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vigil.collector.support.MessageSink;
import io.vigil.collector.support.PolicyStub;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.Switch;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Deleting and moving machines, their agents' liveness, and machines that share a vmId. */
@QuarkusTest
class MachineLifecycleTest {

    private static final String MACHINE = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}";
    private static final String LINUX_MACHINE = TestData.resource("requests/machine-linux.json");
    private static final String REPORT = TestData.resource("requests/report-missing-security-update.json");
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(20);

    /** Machines whose agents went quiet two hours ago, far within their subscription's day-long threshold. */
    private static final String QUIET_FLEET = "insert into collector.machine (subscription_id, resource_group,"
            + " resource_group_key, name, name_key, registered_at, updated_at, last_heartbeat, agent_status_announced)"
            + " select $1, 'fleet', 'fleet', 'vm-' || n, 'vm-' || n, now(), now(), now() - interval '2 hours',"
            + " 'Reporting' from generate_series(1, $2) as n";

    @Inject
    TestDatabase database;

    @Inject
    AgentLiveness liveness;

    @BeforeEach
    void asAdmin() {
        Callers.everyRequestAsAdmin();
    }

    @Test
    void deletesAMachineWithWhatItSentAndTellsTheOtherServices() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        register(sub, "web", "web-01");
        given().contentType(ContentType.JSON).body(REPORT).when().post(MACHINE + "/reports", sub, "web", "web-01");
        String key = key(sub, "web", "web-01");

        given().when().delete(MACHINE, sub, "WEB", "Web-01").then().statusCode(204);

        given().when().get(MACHINE, sub, "web", "web-01").then().statusCode(404);
        given().when().delete(MACHINE, sub, "web", "web-01").then().statusCode(404);
        assertEquals(
                0,
                database.count(
                        "select count(*) from collector.state_report r join collector.machine m"
                                + " on m.id = r.machine_id where m.subscription_id = $1",
                        sub));
        for (String destination : List.of("recommendation", "alert")) {
            List<String> received = await().atMost(DELIVERY_BOUND)
                    .until(() -> kinds(destination, key), kinds -> kinds.contains(MessageKinds.MACHINE_DELETED));
            assertEquals(MessageKinds.MACHINE_DELETED, received.get(received.size() - 1));
        }
    }

    @Test
    void movesAMachineUnderItsNewResourceIdAndTellsTheOtherServices() {
        String sub = TestData.newSubscription();
        register(sub, "staging", "app-01");

        given().contentType(ContentType.JSON)
                .body("{\"resourceGroup\": \"Production\"}")
                .when()
                .post(MACHINE + "/move", sub, "staging", "app-01")
                .then()
                .statusCode(200)
                .body("resourceId", equalTo("/subscriptions/" + sub + "/resourceGroups/Production/machines/app-01"))
                .body("osType", equalTo("Linux"));

        given().when().get(MACHINE, sub, "staging", "app-01").then().statusCode(404);
        given().when().get(MACHINE, sub, "production", "app-01").then().statusCode(200);
        for (String destination : List.of("recommendation", "alert")) {
            Message moved = await().atMost(DELIVERY_BOUND)
                    .until(
                            () -> messages(destination, key(sub, "staging", "app-01"), MessageKinds.MACHINE_MOVED),
                            found -> !found.isEmpty())
                    .get(0);
            assertEquals(
                    "staging", moved.payload().get("from").get("resourceGroup").asText());
            assertEquals(
                    "Production", moved.payload().get("to").get("resourceGroup").asText());
        }
    }

    @Test
    void refusesToMoveOntoAMachineOfTheSameName() {
        String sub = TestData.newSubscription();
        register(sub, "a", "db-01");
        register(sub, "b", "DB-01");

        given().contentType(ContentType.JSON)
                .body("{\"resourceGroup\": \"B\"}")
                .when()
                .post(MACHINE + "/move", sub, "a", "db-01")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/machine-exists"));
        given().contentType(ContentType.JSON)
                .body("{\"resourceGroup\": \"no/such\"}")
                .when()
                .post(MACHINE + "/move", sub, "a", "db-01")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"resourceGroup\": \"c\"}")
                .when()
                .post(MACHINE + "/move", sub, "a", "missing")
                .then()
                .statusCode(404);
    }

    @Test
    void judgesSilenceToTheSecondAtReadTime() {
        String sub = TestData.newSubscription();
        given().when().post(MACHINE + "/heartbeat", sub, "edge", "gw-01").then().statusCode(204);
        int threshold = PolicyStub.DEFAULT_SILENCE_MINUTES * 60;

        silentFor(sub, "gw-01", threshold - 1);
        given().when().get(MACHINE, sub, "edge", "gw-01").then().body("agentStatus", equalTo("Reporting"));

        silentFor(sub, "gw-01", threshold + 1);
        given().when().get(MACHINE, sub, "edge", "gw-01").then().body("agentStatus", equalTo("Unresponsive"));
    }

    @Test
    void judgesLivenessByTheServersClockWhateverTheAgentsSays() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        String dayAhead = Instant.now().plus(Duration.ofDays(1)).toString();
        given().contentType(ContentType.JSON)
                .body("{\"collectedAt\": \"" + dayAhead + "\"}")
                .when()
                .post(MACHINE + "/reports", sub, "edge", "skewed")
                .then()
                .statusCode(202);
        Instant before = Instant.now();

        given().when()
                .post(MACHINE + "/heartbeat", sub, "edge", "skewed")
                .then()
                .statusCode(204);

        String lastHeartbeat = given().when()
                .get(MACHINE, sub, "edge", "skewed")
                .then()
                .body("agentStatus", equalTo("Reporting"))
                .extract()
                .path("lastHeartbeat");
        Instant heard = Instant.parse(lastHeartbeat);
        assertTrue(
                !heard.isBefore(before.minusSeconds(1))
                        && heard.isBefore(Instant.now().plusSeconds(1)),
                lastHeartbeat);
    }

    /**
     * An agent whose clock is an hour behind or a day ahead dates its reports so; neither the dates nor the reports
     * themselves move its liveness, which only the arrival of heartbeats decides.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-PT1H", "P1D"})
    void judgesAnAgentWithAWrongClockByWhenItsHeartbeatsArrive(String skew) {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        String name = "skewed-" + (skew.startsWith("-") ? "behind" : "ahead");
        Instant before = Instant.now();
        given().when().post(MACHINE + "/heartbeat", sub, "edge", name).then().statusCode(204);
        String heard = lastHeartbeat(sub, name);
        assertWithin(before, Instant.parse(heard));

        postReportDated(sub, name, Instant.now().plus(Duration.parse(skew)));

        given().when()
                .get(MACHINE, sub, "edge", name)
                .then()
                .body("agentStatus", equalTo("Reporting"))
                .body("lastHeartbeat", equalTo(heard));

        silentFor(sub, name, PolicyStub.DEFAULT_SILENCE_MINUTES * 60 + 1);
        String silentSince = lastHeartbeat(sub, name);
        postReportDated(sub, name, Instant.now().plus(Duration.parse(skew)).minusSeconds(1));

        given().when()
                .get(MACHINE, sub, "edge", name)
                .then()
                .body("agentStatus", equalTo("Unresponsive"))
                .body("lastHeartbeat", equalTo(silentSince));

        Instant again = Instant.now();
        given().when().post(MACHINE + "/heartbeat", sub, "edge", name).then().statusCode(204);
        assertWithin(again, Instant.parse(lastHeartbeat(sub, name)));
        given().when().get(MACHINE, sub, "edge", name).then().body("agentStatus", equalTo("Reporting"));
    }

    /** Replicas each run the sweep; two sweeps over the same silent agents announce each of them once. */
    @Test
    void twoSweepsAtOnceAnnounceEachSilentAgentOnce() {
        String sub = TestData.newSubscription();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            given().when()
                    .post(MACHINE + "/heartbeat", sub, "edge", "quiet-" + i)
                    .then()
                    .statusCode(204);
            keys.add(key(sub, "edge", "quiet-" + i));
        }
        await().atMost(DELIVERY_BOUND)
                .until(() -> keys.stream().allMatch(key -> statuses(key).equals(List.of("Reporting"))));
        database.update(
                "update collector.machine set last_heartbeat = now() - make_interval(secs => $2)"
                        + " where subscription_id = $1",
                sub,
                (double) (PolicyStub.DEFAULT_SILENCE_MINUTES * 60 + 5));

        Uni.combine()
                .all()
                .unis(liveness.sweep(), liveness.sweep())
                .discardItems()
                .await()
                .atMost(DELIVERY_BOUND);

        await().atMost(DELIVERY_BOUND)
                .until(() -> keys.stream().allMatch(key -> statuses(key).size() >= 2));
        // The scheduled sweep runs every second in tests besides: a few more rounds announce nothing new.
        await().pollDelay(Duration.ofSeconds(3)).atMost(DELIVERY_BOUND).until(() -> true);
        for (String key : keys) {
            assertEquals(List.of("Reporting", "Unresponsive"), statuses(key), key);
        }
        assertEquals(
                20,
                database.count(
                        "select count(*) from collector.machine where subscription_id = $1"
                                + " and agent_status_announced = 'Unresponsive'",
                        sub));
    }

    @Test
    void announcesEachChangeOfAgentStatusOnce() {
        String sub = TestData.newSubscription();
        String key = key(sub, "edge", "gw-02");
        given().when().post(MACHINE + "/heartbeat", sub, "edge", "gw-02").then().statusCode(204);
        given().when().post(MACHINE + "/heartbeat", sub, "edge", "gw-02").then().statusCode(204);
        await().atMost(DELIVERY_BOUND).until(() -> statuses(key), contains("Reporting")::matches);

        silentFor(sub, "gw-02", PolicyStub.DEFAULT_SILENCE_MINUTES * 60 + 5);
        await().atMost(DELIVERY_BOUND).until(() -> statuses(key), contains("Reporting", "Unresponsive")::matches);
        // The sweep runs every second in tests: a few more rounds announce nothing new.
        await().pollDelay(Duration.ofSeconds(3)).atMost(DELIVERY_BOUND).until(() -> true);
        assertEquals(List.of("Reporting", "Unresponsive"), statuses(key));

        given().when().post(MACHINE + "/heartbeat", sub, "edge", "gw-02").then().statusCode(204);
        await().atMost(DELIVERY_BOUND)
                .until(() -> statuses(key), contains("Reporting", "Unresponsive", "Reporting")::matches);
    }

    @Test
    void announcesASilentAgentBehindMoreQuietMachinesThanOneSweepReads() {
        String patient = TestData.newSubscription();
        PolicyStub.silenceMinutes(patient, 24 * 60);
        database.update(QUIET_FLEET, patient, 5001);
        try {
            String sub = TestData.newSubscription();
            String key = key(sub, "edge", "gw-03");
            given().when()
                    .post(MACHINE + "/heartbeat", sub, "edge", "gw-03")
                    .then()
                    .statusCode(204);

            silentFor(sub, "gw-03", PolicyStub.DEFAULT_SILENCE_MINUTES * 60 + 5);

            await().atMost(DELIVERY_BOUND).until(() -> statuses(key), contains("Reporting", "Unresponsive")::matches);
        } finally {
            database.update("delete from collector.machine where subscription_id = $1", patient);
        }
    }

    @Test
    void keepsMachinesThatShareAVmIdApartAndShowsTheClashOnBoth() {
        String sub = TestData.newSubscription();
        register(sub, "web", "clone-a");
        register(sub, "web", "clone-b");
        register(sub, "other", "clone-a");

        given().when()
                .get(MACHINE, sub, "web", "clone-a")
                .then()
                .body(
                        "vmIdSharedWith",
                        contains(
                                "/subscriptions/" + sub + "/resourceGroups/other/machines/clone-a",
                                "/subscriptions/" + sub + "/resourceGroups/web/machines/clone-b"));
        given().when()
                .get("/api/v1/subscriptions/{sub}/machines", sub)
                .then()
                .body("value.size()", equalTo(3))
                .body(
                        "value.find { it.name == 'clone-b' }.vmIdSharedWith",
                        contains(
                                "/subscriptions/" + sub + "/resourceGroups/other/machines/clone-a",
                                "/subscriptions/" + sub + "/resourceGroups/web/machines/clone-a"));
        String alone = TestData.newSubscription();
        register(alone, "web", "single");
        given().when().get(MACHINE, alone, "web", "single").then().body("vmIdSharedWith", empty());
    }

    private static String lastHeartbeat(String sub, String name) {
        return given().when()
                .get(MACHINE, sub, "edge", name)
                .then()
                .statusCode(200)
                .extract()
                .path("lastHeartbeat");
    }

    /** The server's clock read the heartbeat between {@code before} and now. */
    private static void assertWithin(Instant before, Instant heard) {
        assertTrue(
                !heard.isBefore(before.minusSeconds(1))
                        && heard.isBefore(Instant.now().plusSeconds(1)),
                heard + " is not between " + before + " and now");
    }

    private static void postReportDated(String sub, String name, Instant collectedAt) {
        given().contentType(ContentType.JSON)
                .body("{\"collectedAt\": \"" + collectedAt + "\"}")
                .when()
                .post(MACHINE + "/reports", sub, "edge", name)
                .then()
                .statusCode(202);
    }

    private void silentFor(String sub, String name, int seconds) {
        database.update(
                "update collector.machine set last_heartbeat = now() - make_interval(secs => $3)"
                        + " where subscription_id = $1 and name_key = $2",
                sub,
                name,
                (double) seconds);
    }

    private static void register(String sub, String group, String name) {
        given().contentType(ContentType.JSON)
                .body(LINUX_MACHINE)
                .when()
                .put(MACHINE, sub, group, name)
                .then()
                .statusCode(200);
    }

    private static String key(String sub, String group, String name) {
        return ("/subscriptions/" + sub + "/resourceGroups/" + group + "/machines/" + name).toLowerCase();
    }

    private static List<String> kinds(String destination, String key) {
        return MessageSink.received(destination, key).stream()
                .map(Message::kind)
                .toList();
    }

    private static List<Message> messages(String destination, String key, String kind) {
        return MessageSink.received(destination, key).stream()
                .filter(message -> message.kind().equals(kind))
                .toList();
    }

    private static List<String> statuses(String key) {
        return messages("recommendation", key, MessageKinds.AGENT_STATUS_CHANGED).stream()
                .map(message -> message.payload().get("status").asText())
                .toList();
    }
}
