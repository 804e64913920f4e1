package io.vigil.collector.idempotency;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.collector.support.MessageSink;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.common.messaging.MessageKinds;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same Idempotency-Key again gets the first answer and stores nothing new, on every POST of the collector. */
@QuarkusTest
class IdempotencyTest {

    private static final String MACHINE = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}";
    private static final String REPORT = TestData.resource("requests/report-missing-security-update.json");
    private static final String LOG = TestData.resource("fixtures/linux/auth/test.log");
    private static final String TRIVY = TestData.resource("fixtures/vulnerability/trivy/debian-buster.json");
    private static final String WINDOWS = TestData.resource("events/windows/mixed-batch.json");
    private static final String EVENTS = "select count(*) from collector.event e"
            + " join collector.machine m on m.id = e.machine_id where m.subscription_id = $1";
    private static final String REPORTS = "select count(*) from collector.state_report r"
            + " join collector.machine m on m.id = r.machine_id where m.subscription_id = $1";
    private static final String OUTBOX = "select count(*) from collector.outbox where payload::text like $1";

    @Inject
    TestDatabase database;

    private String sub;

    @BeforeEach
    void collectingSubscription() {
        sub = TestData.collectingSubscription();
    }

    @Test
    void aRepeatedSyslogUploadIsAnsweredAgainAndStoredOnce() {
        String key = UUID.randomUUID().toString();

        Response first = post(key, "text/plain", LOG, "/events");
        Response again = post(key, "text/plain", LOG, "/events");

        assertEquals(202, again.statusCode());
        assertEquals(first.body().asString(), again.body().asString());
        assertEquals("true", again.header(Idempotency.REPLAYED_HEADER));
        assertNull(first.header(Idempotency.REPLAYED_HEADER));
        assertEquals(10, database.count(EVENTS, sub));
    }

    @Test
    void aRepeatedJsonUploadIsStoredOnce() {
        String key = UUID.randomUUID().toString();

        Response first = post(key, "application/json", WINDOWS, "/events");
        Response again = post(key, "application/json", WINDOWS, "/events");

        assertEquals(first.body().asString(), again.body().asString());
        assertEquals(first.jsonPath().getLong("accepted"), database.count(EVENTS, sub));
    }

    @Test
    void aRepeatedReportAndScanAreStoredOnce() {
        String reportKey = UUID.randomUUID().toString();
        String scanKey = UUID.randomUUID().toString();

        post(reportKey, "application/json", REPORT, "/reports");
        post(reportKey, "application/json", REPORT, "/reports");
        Response scan = post(scanKey, "application/json", TRIVY, "/scans?format=trivy");
        Response scanAgain = post(scanKey, "application/json", TRIVY, "/scans?format=trivy");

        assertEquals(202, scanAgain.statusCode());
        assertEquals(scan.body().asString(), scanAgain.body().asString());
        assertEquals(2, database.count(REPORTS, sub));
    }

    @Test
    void aReportThatDiffersOnlyInSpacingIsTheSameRequest() {
        String key = UUID.randomUUID().toString();

        post(key, "application/json", REPORT, "/reports");
        Response spaced = post(key, "application/json", REPORT.replace(": ", ":   "), "/reports");

        assertEquals(202, spaced.statusCode());
        assertEquals("true", spaced.header(Idempotency.REPLAYED_HEADER));
        assertEquals(1, database.count(REPORTS, sub));
    }

    @Test
    void refusesAKeyReusedForADifferentRequestAndStoresNothing() {
        String key = UUID.randomUUID().toString();
        post(key, "text/plain", LOG, "/events");

        Response other = post(key, "text/plain", LOG.lines().findFirst().orElseThrow(), "/events");
        Response elsewhere = post(key, "application/json", REPORT, "/reports");

        assertEquals(422, other.statusCode());
        assertEquals("application/problem+json", other.contentType());
        assertEquals("/problems/idempotency-key-reused", other.jsonPath().getString("type"));
        assertEquals(422, elsewhere.statusCode());
        assertEquals(10, database.count(EVENTS, sub));
        assertEquals(0, database.count(REPORTS, sub));
    }

    @Test
    void concurrentRequestsWithOneKeyStoreOnceAndAllGetTheAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                requests.add(() -> post(key, "text/plain", LOG, "/events"));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(requests)) {
                assertEquals(202, answer.get().statusCode(), answer.get().body().asString());
                bodies.add(answer.get().body().asString());
            }
            assertEquals(1, bodies.stream().distinct().count());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10, database.count(EVENTS, sub));
        await().atMost(Duration.ofSeconds(20)).until(() -> database.count(OUTBOX, "%" + sub + "%") == 0);
        assertEquals(1, deliveredEventBatches());
    }

    @Test
    void aRepeatedHeartbeatAndMoveAnswerAsTheFirstTime() {
        String heartbeatKey = UUID.randomUUID().toString();
        String moveKey = UUID.randomUUID().toString();
        post(heartbeatKey, null, null, "/heartbeat");

        assertEquals(204, post(heartbeatKey, null, null, "/heartbeat").statusCode());
        String move = "{\"resourceGroup\": \"moved\"}";
        Response first = post(moveKey, "application/json", move, "/move");
        Response again = post(moveKey, "application/json", move, "/move");

        assertEquals(200, first.statusCode());
        assertEquals(200, again.statusCode());
        assertEquals("true", again.header(Idempotency.REPLAYED_HEADER));
        assertEquals(first.jsonPath().getString("resourceId"), again.jsonPath().getString("resourceId"));
    }

    @Test
    void aRepeatedKeyCreationNeverShowsTheSecretAgain() {
        String key = UUID.randomUUID().toString();
        String keys = "/api/v1/subscriptions/{sub}/ingestionKeys";

        Response first = given().header(Idempotency.HEADER, key).when().post(keys, sub);
        Response again = given().header(Idempotency.HEADER, key).when().post(keys, sub);

        assertEquals(201, again.statusCode());
        assertEquals(first.jsonPath().getString("id"), again.jsonPath().getString("id"));
        again.then()
                .body("key", nullValue())
                .body("createdAt", equalTo(first.jsonPath().getString("createdAt")));
        given().when().get(keys, sub).then().body("value.size()", equalTo(1));
    }

    @Test
    void aRepeatedHeartbeatLeavesTheLastHeartbeatAsTheFirstOneSetIt() {
        String key = UUID.randomUUID().toString();
        assertEquals(204, post(key, null, null, "/heartbeat").statusCode());
        // Made old, so that a heartbeat recorded again would show as a change.
        database.update(
                "update collector.machine set last_heartbeat = now() - interval '1 hour' where subscription_id = $1",
                sub);
        String anHourAgo =
                given().when().get(MACHINE, sub, "rg", "vm-1").then().extract().path("lastHeartbeat");

        Response again = post(key, null, null, "/heartbeat");

        assertEquals(204, again.statusCode());
        assertEquals("true", again.header(Idempotency.REPLAYED_HEADER));
        given().when()
                .get(MACHINE, sub, "rg", "vm-1")
                .then()
                .body("lastHeartbeat", equalTo(anHourAgo))
                .body("agentStatus", equalTo("Unresponsive"));
        assertEquals(
                204,
                post(UUID.randomUUID().toString(), null, null, "/heartbeat").statusCode());
        given().when().get(MACHINE, sub, "rg", "vm-1").then().body("agentStatus", equalTo("Reporting"));
    }

    @Test
    void aRepeatedKeyRotationRotatesOnceAndNeverShowsTheNewSecretAgain() {
        String keys = "/api/v1/subscriptions/{sub}/ingestionKeys";
        String old =
                given().when().post(keys, sub).then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();

        Response first = given().header(Idempotency.HEADER, key).when().post(keys + "/{id}/rotate", sub, old);
        Response again = given().header(Idempotency.HEADER, key).when().post(keys + "/{id}/rotate", sub, old);

        assertEquals(201, first.statusCode());
        assertEquals(201, again.statusCode(), again.body().asString());
        assertEquals("true", again.header(Idempotency.REPLAYED_HEADER));
        assertEquals(first.jsonPath().getString("id"), again.jsonPath().getString("id"));
        assertEquals(first.jsonPath().getString("createdAt"), again.jsonPath().getString("createdAt"));
        assertEquals(true, first.jsonPath().getString("key").startsWith("vik_"));
        again.then().body("key", nullValue());
        given().when()
                .get(keys, sub)
                .then()
                .body("value.size()", equalTo(2))
                .body("value.findAll { it.expiresAt != null }.size()", equalTo(1));
        Response otherKey = given().header(Idempotency.HEADER, key)
                .when()
                .post(keys + "/{id}/rotate", sub, first.jsonPath().getString("id"));
        assertEquals(422, otherKey.statusCode(), "the same Idempotency-Key for another key's rotation");
    }

    @Test
    void refusesAKeyThatIsNoKey() {
        given().header(Idempotency.HEADER, "has space")
                .when()
                .post(MACHINE + "/heartbeat", sub, "rg", "vm")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo(Idempotency.HEADER));
        given().header(Idempotency.HEADER, "k".repeat(256))
                .when()
                .post(MACHINE + "/heartbeat", sub, "rg", "vm")
                .then()
                .statusCode(400);
    }

    private long deliveredEventBatches() {
        String key = ("/subscriptions/" + sub + "/resourceGroups/rg/machines/vm-1").toLowerCase();
        return MessageSink.received("alert", key).stream()
                .filter(message -> message.kind().equals(MessageKinds.EVENTS_NORMALIZED))
                .count();
    }

    private Response post(String key, String contentType, String body, String path) {
        var request = given().header(Idempotency.HEADER, key);
        if (contentType != null) {
            request.contentType(contentType).body(body);
        } else {
            request.contentType(ContentType.JSON);
        }
        int query = path.indexOf('?');
        String route = query < 0 ? path : path.substring(0, query);
        if (query >= 0) {
            String[] parameter = path.substring(query + 1).split("=");
            request.queryParam(parameter[0], parameter[1]);
        }
        return request.when().post(MACHINE + route, sub, "rg", "vm-1");
    }
}
