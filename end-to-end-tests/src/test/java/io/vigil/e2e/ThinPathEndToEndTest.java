package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real input in at the collector; real alerts and recommendations out of the other services. */
class ThinPathEndToEndTest {

    private static final String AUTHORIZATION = "Authorization";
    private static final String INGESTION_KEY = "X-Vigil-Ingestion-Key";
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);
    private static final VigilStack STACK = new VigilStack();

    @BeforeAll
    static void startStack() throws IOException, SQLException {
        STACK.start();
    }

    @AfterAll
    static void stopStack() {
        STACK.stop();
    }

    @Test
    void authLogOfABruteForcedMachineRaisesOneSshBruteForceAlertPerAttacker() throws IOException {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Standard");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "linux-servers", "host01", "Linux");

        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.TEXT)
                .body(resource("fixtures/linux/auth/secure-rhel7.log"))
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/linux-servers/machines/host01/events"), sub)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1000))
                .body("rejected", equalTo(0));

        Map<String, Integer> countsBySource = await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> bruteForceCounts(sub),
                        counts -> counts.values().stream().mapToInt(i -> i).sum() == 352);
        assertEquals(Map.of("203.0.113.10", 213, "203.0.113.20", 61, "203.0.113.30", 78), countsBySource);
    }

    @Test
    void reportWithAMissingSecurityUpdateRaisesApplySystemUpdatesUntilALaterReportShowsItFixed() throws IOException {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Free");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "web", "web-01", "Linux");

        postReport(sub, agentKey, "web", "web-01", "reports/missing-security-update.json");
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> recommendationState(sub, "ApplySystemUpdates"), "Active"::equals);

        postReport(sub, agentKey, "web", "web-01", "reports/up-to-date.json");
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> recommendationState(sub, "ApplySystemUpdates"), "Resolved"::equals);
    }

    @Test
    void dataCollectionOffRefusesEventsButKnowsTheMachineAndRecommendsEnablingIt() throws IOException {
        String sub = newSubscription();
        configureSubscription(sub, "Off", "Standard");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "dark", "db-01", "Linux");

        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.TEXT)
                .body(resource("fixtures/linux/auth/secure-rhel7.log"))
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/dark/machines/db-01/events"), sub)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/data-collection-disabled"));
        given().header(INGESTION_KEY, agentKey)
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/resourceGroups/dark/machines/db-01/heartbeat"), sub)
                .then()
                .statusCode(204);

        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> recommendationState(sub, "EnableDataCollection"), "Active"::equals);
    }

    @Test
    void policyEditsReEvaluateMachinesWithoutANewReport() throws IOException {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Free");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "web", "web-01", "Linux");
        registerMachine(sub, agentKey, "data", "db-01", "Linux");
        postReport(sub, agentKey, "web", "web-01", "reports/unencrypted-data-volume.json");
        postReport(sub, agentKey, "data", "db-01", "reports/unencrypted-data-volume.json");
        String web = "/subscriptions/" + sub + "/resourceGroups/web/machines/web-01";
        String data = "/subscriptions/" + sub + "/resourceGroups/data/machines/db-01";
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> activeResources(sub, "ApplyDiskEncryption"), List.of(data, web)::equals);

        given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .contentType(ContentType.JSON)
                .body(Map.of("recommendations", Map.of("diskEncryption", "Off")))
                .when()
                .put(policy("/api/v1/subscriptions/{sub}/resourceGroups/Web/policy"), sub)
                .then()
                .statusCode(200);
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> activeResources(sub, "ApplyDiskEncryption"), List.of(data)::equals);

        configureSubscription(sub, "Off", "Free");
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> activeResources(sub, "EnableDataCollection"), List.of("/subscriptions/" + sub)::equals);
    }

    private static List<String> activeResources(String sub, String type) {
        List<String> resources = given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .queryParam("type", type)
                .queryParam("state", "Active")
                .when()
                .get(recommendation("/api/v1/subscriptions/{sub}/recommendations"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("value.resourceId");
        return resources.stream().sorted().toList();
    }

    private static Map<String, Integer> bruteForceCounts(String sub) {
        JsonPath alerts = given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .queryParam("alertType", "SshBruteForce")
                .when()
                .get(alert("/api/v1/subscriptions/{sub}/alerts"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Integer> counts = new TreeMap<>();
        List<Map<String, Object>> values = alerts.getList("value");
        for (Map<String, Object> value : values) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entities = (List<Map<String, Object>>) value.get("entities");
            String address = entities.stream()
                    .filter(entity -> "ip".equals(entity.get("type")))
                    .map(entity -> (String) entity.get("address"))
                    .findFirst()
                    .orElseThrow();
            counts.put(address, (Integer) value.get("eventCount"));
        }
        return counts;
    }

    private static String recommendationState(String sub, String type) {
        List<String> states = given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .queryParam("type", type)
                .when()
                .get(recommendation("/api/v1/subscriptions/{sub}/recommendations"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("value.state");
        return states.isEmpty() ? null : states.get(0);
    }

    private static String ingestionKey(String sub) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/ingestionKeys"), sub)
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    private static void configureSubscription(String sub, String dataCollection, String tier) {
        given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .contentType(ContentType.JSON)
                .body(Map.of("dataCollection", dataCollection, "pricingTier", tier))
                .when()
                .put(policy("/api/v1/subscriptions/{sub}/policy"), sub)
                .then()
                .statusCode(200);
    }

    private static void registerMachine(String sub, String agentKey, String group, String name, String osType) {
        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.JSON)
                .body(Map.of("vmId", UUID.randomUUID().toString(), "osType", osType, "osName", "RHEL"))
                .when()
                .put(collector("/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}"), sub, group, name)
                .then()
                .statusCode(200);
    }

    private static void postReport(String sub, String agentKey, String group, String name, String report)
            throws IOException {
        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.JSON)
                .body(resource(report))
                .when()
                .post(
                        collector("/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}/reports"),
                        sub,
                        group,
                        name)
                .then()
                .statusCode(202);
    }

    private static String resource(String name) throws IOException {
        try (var in = ThinPathEndToEndTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String newSubscription() {
        return "e2e-" + UUID.randomUUID();
    }

    private static String policy(String path) {
        return "http://127.0.0.1:" + VigilStack.POLICY_PORT + path;
    }

    private static String collector(String path) {
        return "http://127.0.0.1:" + VigilStack.COLLECTOR_PORT + path;
    }

    private static String recommendation(String path) {
        return "http://127.0.0.1:" + VigilStack.RECOMMENDATION_PORT + path;
    }

    private static String alert(String path) {
        return "http://127.0.0.1:" + VigilStack.ALERT_PORT + path;
    }
}
