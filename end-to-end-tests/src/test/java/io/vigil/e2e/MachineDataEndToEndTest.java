package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static io.vigil.e2e.VigilApi.AUTHORIZATION;
import static io.vigil.e2e.VigilApi.INGESTION_KEY;
import static io.vigil.e2e.VigilApi.activeResources;
import static io.vigil.e2e.VigilApi.alert;
import static io.vigil.e2e.VigilApi.bruteForceCounts;
import static io.vigil.e2e.VigilApi.collector;
import static io.vigil.e2e.VigilApi.configureSubscription;
import static io.vigil.e2e.VigilApi.ingestionKey;
import static io.vigil.e2e.VigilApi.newSubscription;
import static io.vigil.e2e.VigilApi.postReport;
import static io.vigil.e2e.VigilApi.recommendation;
import static io.vigil.e2e.VigilApi.registerMachine;
import static io.vigil.e2e.VigilApi.resource;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the collector accepted reaches the other services exactly once, and follows a machine that moves or goes. */
class MachineDataEndToEndTest {

    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(60);
    private static final Map<String, Integer> ATTACKERS =
            Map.of("203.0.113.10", 213, "203.0.113.20", 61, "203.0.113.30", 78);

    private static VigilStack stack;

    @BeforeAll
    static void startStack() throws IOException, SQLException {
        stack = VigilStack.running();
    }

    @Test
    void dataAcceptedWhileTheReceiversAreDownIsDeliveredExactlyOnceWhenTheyReturn() throws Exception {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Standard");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "linux-servers", "host01", "Linux");

        stack.kill("alert-service");
        stack.kill("recommendation-service");
        List<String> lines =
                resource("fixtures/linux/auth/secure-rhel7.log").lines().toList();
        for (int from = 0; from < lines.size(); from += 250) {
            String upload = String.join("\n", lines.subList(from, Math.min(lines.size(), from + 250)));
            given().header(INGESTION_KEY, agentKey)
                    .contentType(ContentType.TEXT)
                    .body(upload)
                    .when()
                    .post(
                            collector(
                                    "/api/v1/subscriptions/{sub}/resourceGroups/linux-servers/machines/host01/events"),
                            sub)
                    .then()
                    .statusCode(202)
                    .body("accepted", equalTo(250));
        }
        postReport(sub, agentKey, "linux-servers", "host01", "reports/missing-security-update.json");
        stack.restart("recommendation-service");
        stack.restart("alert-service");

        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> bruteForceCounts(sub), ATTACKERS::equals);
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> activeResources(sub, "ApplySystemUpdates").size() == 1);
        await().atMost(DELIVERY_BOUND)
                .until(() ->
                        stack.count("select count(*) from collector.outbox where payload::text like ?", "%" + sub + "%")
                                == 0);
        assertEquals(1000, stack.count("select count(*) from alert.event where subscription_id = ?", sub));
        assertEquals(ATTACKERS, bruteForceCounts(sub));
    }

    /** Each service runs in 256 MB of heap here, as in its container: a real batch must fit through all of them. */
    @Test
    void aTenMegabyteBatchOfSshdLinesIsTakenWholeAndStoredByAlertService() throws Exception {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Free");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "linux-servers", "batch01", "Linux");
        String sshd = resource("fixtures/linux/auth/secure-rhel7.log")
                .lines()
                .filter(line -> line.contains(" sshd["))
                .reduce(new StringBuilder(), (text, line) -> text.append(line).append('\n'), StringBuilder::append)
                .toString();
        int copies = (int) Math.ceil(10.0 * 1024 * 1024 / sshd.length());
        long lines = 998L * copies;

        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.TEXT)
                .body(sshd.repeat(copies))
                .when()
                .post(
                        collector("/api/v1/subscriptions/{sub}/resourceGroups/linux-servers/machines/batch01/events"),
                        sub)
                .then()
                .statusCode(202)
                .body("accepted", equalTo((int) lines))
                .body("rejected", equalTo(0));

        assertEquals(
                lines,
                stack.count(
                        "select count(*) from collector.event e join collector.machine m on m.id = e.machine_id"
                                + " where m.subscription_id = ?",
                        sub));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> stack.count("select count(*) from alert.event where subscription_id = ?", sub) == lines);
        assertEquals(
                213L * copies,
                stack.count(
                        "select count(*) from alert.event where subscription_id = ? and action = 'LogonFailed'"
                                + " and source_address = '203.0.113.10'",
                        sub));
    }

    @Test
    void aMachineThatMovesTakesItsAlertsAndRecommendationsAndOneThatIsDeletedLeavesNothing() throws Exception {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Standard");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "staging", "host01", "Linux");
        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.TEXT)
                .body(resource("fixtures/linux/auth/secure-rhel7.log"))
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/staging/machines/host01/events"), sub)
                .then()
                .statusCode(202);
        postReport(sub, agentKey, "staging", "host01", "reports/missing-security-update.json");
        String staging = "/subscriptions/" + sub + "/resourceGroups/staging/machines/host01";
        String production = "/subscriptions/" + sub + "/resourceGroups/production/machines/host01";
        await().atMost(DELIVERY_BOUND).until(() -> compromised(sub), List.of(staging, staging, staging)::equals);
        await().atMost(DELIVERY_BOUND)
                .until(() -> activeResources(sub, "ApplySystemUpdates"), List.of(staging)::equals);

        given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .contentType(ContentType.JSON)
                .body(Map.of("resourceGroup", "production"))
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/staging/machines/host01/move"), sub)
                .then()
                .statusCode(200)
                .body("resourceId", equalTo(production));
        await().atMost(DELIVERY_BOUND)
                .until(() -> compromised(sub), List.of(production, production, production)::equals);
        await().atMost(DELIVERY_BOUND)
                .until(() -> activeResources(sub, "ApplySystemUpdates"), List.of(production)::equals);
        assertEquals(ATTACKERS, bruteForceCounts(sub));

        given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .when()
                .delete(collector("/api/v1/subscriptions/{sub}/resourceGroups/production/machines/host01"), sub)
                .then()
                .statusCode(204);
        await().atMost(DELIVERY_BOUND).until(() -> compromised(sub).isEmpty());
        await().atMost(DELIVERY_BOUND).until(() -> allRecommendations(sub).isEmpty());
        assertEquals(0, stack.count("select count(*) from alert.event where subscription_id = ?", sub));
    }

    private static List<String> compromised(String sub) {
        List<String> entities = given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .when()
                .get(alert("/api/v1/subscriptions/{sub}/alerts"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("value.compromisedEntity");
        return entities.stream().sorted().toList();
    }

    private static List<String> allRecommendations(String sub) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .when()
                .get(recommendation("/api/v1/subscriptions/{sub}/recommendations"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("value.resourceId");
    }
}
