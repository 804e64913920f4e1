package io.vigil.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The calls the end-to-end tests make on the running stack, as a frontend and an agent would make them. */
final class VigilApi {

    static final String AUTHORIZATION = "Authorization";
    static final String INGESTION_KEY = "X-Vigil-Ingestion-Key";

    private VigilApi() {}

    static List<String> activeResources(String sub, String type) {
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

    static Map<String, Integer> bruteForceCounts(String sub) {
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

    static String recommendationState(String sub, String type) {
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

    static String ingestionKey(String sub) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .when()
                .post(collector("/api/v1/subscriptions/{sub}/ingestionKeys"), sub)
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    static void configureSubscription(String sub, String dataCollection, String tier) {
        configureSubscription(sub, Map.of("dataCollection", dataCollection, "pricingTier", tier));
    }

    /** Replaces the subscription's policy with these fields; those left out take their defaults. */
    static void configureSubscription(String sub, Map<String, Object> policy) {
        given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .contentType(ContentType.JSON)
                .body(policy)
                .when()
                .put(policy("/api/v1/subscriptions/{sub}/policy"), sub)
                .then()
                .statusCode(200);
    }

    static void registerMachine(String sub, String agentKey, String group, String name, String osType) {
        given().header(INGESTION_KEY, agentKey)
                .contentType(ContentType.JSON)
                .body(Map.of("vmId", UUID.randomUUID().toString(), "osType", osType, "osName", "RHEL"))
                .when()
                .put(collector("/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}"), sub, group, name)
                .then()
                .statusCode(200);
    }

    static void heartbeat(String sub, String agentKey, String group, String name) {
        given().header(INGESTION_KEY, agentKey)
                .when()
                .post(
                        collector("/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}/heartbeat"),
                        sub,
                        group,
                        name)
                .then()
                .statusCode(204);
    }

    /** One recommendation of a type on a resource, as a frontend reads it; null fields when there is none. */
    static JsonPath recommendationOn(String sub, String type, String resourceId) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .queryParam("type", type)
                .when()
                .get(recommendation("/api/v1/subscriptions/{sub}/recommendations"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("value.find { it.resourceId == '" + resourceId + "' }");
    }

    /** The subscription's machines in the health view. */
    static JsonPath machineHealth(String sub) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .when()
                .get(recommendation("/api/v1/subscriptions/{sub}/machines/health"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static void postReport(String sub, String agentKey, String group, String name, String report) throws IOException {
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

    static String resource(String name) throws IOException {
        try (var in = VigilApi.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String newSubscription() {
        return "e2e-" + UUID.randomUUID();
    }

    static String policy(String path) {
        return "http://127.0.0.1:" + VigilStack.POLICY_PORT + path;
    }

    static String collector(String path) {
        return "http://127.0.0.1:" + VigilStack.COLLECTOR_PORT + path;
    }

    static String recommendation(String path) {
        return "http://127.0.0.1:" + VigilStack.RECOMMENDATION_PORT + path;
    }

    static String alert(String path) {
        return "http://127.0.0.1:" + VigilStack.ALERT_PORT + path;
    }

    /** The types of all the subscription's alerts, sorted, one entry per alert. */
    static List<String> alertTypes(String sub) {
        List<String> types = given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .when()
                .get(alert("/api/v1/subscriptions/{sub}/alerts"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("value.alertType");
        return types.stream().sorted().toList();
    }

    /**
     * One line per alert of the subscription, sorted: its type, subject (the address, account, threat or machine it is
     * about), event count, severity and tactic.
     */
    static List<String> alertSummaries(String sub) {
        List<Map<String, Object>> alerts = alerts(sub);
        return alerts.stream()
                .map(alert -> alert.get("alertType") + " " + subject(alert) + " " + alert.get("eventCount") + " "
                        + alert.get("severity") + " " + alert.get("intent"))
                .sorted()
                .toList();
    }

    /** The distinct compromised machines of the subscription's alerts. */
    static List<String> compromisedMachines(String sub) {
        return alerts(sub).stream()
                .map(alert -> (String) alert.get("compromisedEntity"))
                .distinct()
                .sorted()
                .toList();
    }

    private static List<Map<String, Object>> alerts(String sub) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .queryParam("limit", 200)
                .when()
                .get(alert("/api/v1/subscriptions/{sub}/alerts"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("value");
    }

    /** What an alert of its type is about, as its entities name it. */
    private static String subject(Map<String, Object> alert) {
        String type = switch ((String) alert.get("alertType")) {
            case "SshBruteForce", "RdpBruteForce", "SuccessfulLogonAfterBruteForce", "PortScan" -> "ip";
            case "MalwareDetected" -> "malware";
            case "AntimalwareDisabled" -> "host";
            default -> "account";
        };
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entities = (List<Map<String, Object>>) alert.get("entities");
        List<String> named = entities.stream()
                .filter(entity -> type.equals(entity.get("type")))
                .map(entity -> (String)
                        (entity.containsKey("address")
                                ? entity.get("address")
                                : entity.containsKey("resourceId") ? entity.get("resourceId") : entity.get("name")))
                .toList();
        return named.size() == 1 ? named.get(0) : type + "s " + named;
    }
}
