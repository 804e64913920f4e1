package io.vigil.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pod that stops (SIGTERM) finishes what it is doing before the process ends, within the time Kubernetes gives it
 * (the pods' terminationGracePeriodSeconds less the preStop pause, from k8s/base/pod-hardening.yaml): a request it is
 * answering gets its answer, and an outbox delivery under way is acknowledged once, with no other started after it.
 */
class GracefulShutdownTest {

    private static final int COLLECTOR_PORT = 18189;
    private static final int RECEIVERS_PORT = 18190;
    private static final int ANSWERING_PORT = 18193;
    private static final int POLICY_PORT = 18194;
    private static final String MACHINE = "/api/v1/subscriptions/{subscription}/resourceGroups/rg/machines/vm1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How a JVM ends on SIGTERM once its shutdown has run (128 + 15); the kubelet counts it as a normal stop. */
    private static final int EXIT_ON_SIGTERM = 143;
    /** What Quarkus logs when, on SIGTERM, it starts waiting for the requests under way. */
    private static final String WAITING_FOR_REQUESTS = "Waiting for HTTP requests to complete";

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void aStoppingServiceAnswersTheRequestItIsWorkingOnAndThenExits() throws Exception {
        String subscription = "in-flight-" + UUID.randomUUID();
        String token = TestTokens.bearer(TestTokens.admin(subscription));
        try (StandIn policy = StandIn.start(POLICY_PORT);
                ServiceProcess collector = ServiceProcess.start(
                        "collector-service",
                        ANSWERING_PORT,
                        Map.of(
                                "VIGIL_POLICY_URL", policy.url(),
                                "VIGIL_RECOMMENDATION_URL", policy.url(),
                                "VIGIL_ALERT_URL", policy.url(),
                                // Room to hold the read across the SIGTERM, beyond the usual 5 s.
                                "QUARKUS_REST_CLIENT_POLICY_READ_TIMEOUT", "15000"))) {
            collector.awaitReady();
            given().port(ANSWERING_PORT)
                    .header("Authorization", token)
                    .contentType("application/json")
                    .body(Map.of("vmId", UUID.randomUUID().toString(), "osType", "Linux"))
                    .when()
                    .put(MACHINE, subscription)
                    .then()
                    .statusCode(anyOf(is(200), is(201)));
            // The report waits on its read of the effective policy, which policy-service's stand-in holds.
            policy.holdPolicyReads();
            CompletableFuture<HttpResponse<String>> report = HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ANSWERING_PORT
                                    + MACHINE.replace("{subscription}", subscription) + "/reports"))
                            .header("Authorization", token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                    "collectedAt",
                                    Instant.now().toString(),
                                    "updates",
                                    Map.of("missing", List.of(), "rebootPending", false)))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !policy.received("GET", "/internal/subscriptions/" + subscription + "/")
                            .isEmpty());

            collector.terminate();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> collector.logged(WAITING_FOR_REQUESTS));
            // What still arrives meanwhile is answered, and its connection closed, so its client goes elsewhere next.
            given().port(ANSWERING_PORT)
                    .when()
                    .get(HealthPaths.LIVE)
                    .then()
                    .statusCode(200)
                    .header("Connection", "close");
            assertTrue(collector.isAlive(), "the service waits for the request it is answering");
            assertFalse(report.isDone(), "the report is still waiting on its policy read");
            policy.releasePolicyReads();

            HttpResponse<String> answer = report.get(30, TimeUnit.SECONDS);
            assertTrue(
                    answer.statusCode() >= 200 && answer.statusCode() < 300, answer.statusCode() + " " + answer.body());
            assertTrue(collector.awaitExit(timeToStop()), "the service exits within " + timeToStop());
            assertEquals(EXIT_ON_SIGTERM, collector.exitCode(), "the exit status; see " + collector.log());
        }
    }

    @Test
    void aStoppingServiceFinishesTheOutboxDeliveryUnderWayAndStartsNoOther() throws Exception {
        ServiceProcess.dropSchema("collector");
        String subscription = "shutdown-" + UUID.randomUUID();
        try (StandIn receivers = StandIn.start(RECEIVERS_PORT, true);
                ServiceProcess collector = ServiceProcess.start(
                        "collector-service",
                        COLLECTOR_PORT,
                        Map.of(
                                "VIGIL_POLICY_URL", receivers.url(),
                                "VIGIL_RECOMMENDATION_URL", receivers.url(),
                                "VIGIL_ALERT_URL", receivers.url(),
                                "VIGIL_OUTBOX_BATCH_SIZE", "1"))) {
            collector.awaitReady();
            // Each registration is announced to recommendation-service.
            for (String machine : List.of("vm1", "vm2")) {
                given().port(COLLECTOR_PORT)
                        .header("Authorization", TestTokens.bearer(TestTokens.admin(subscription)))
                        .contentType("application/json")
                        .body(Map.of("vmId", UUID.randomUUID().toString(), "osType", "Linux"))
                        .when()
                        .put(
                                "/api/v1/subscriptions/{subscription}/resourceGroups/rg/machines/{machine}",
                                subscription,
                                machine)
                        .then()
                        .statusCode(anyOf(is(200), is(201)));
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !receivers.received("POST", "/").isEmpty());

            collector.terminate();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> collector.logged("the outbox delivery under way may take"));
            assertTrue(collector.isAlive(), "the service waits for the delivery under way");
            receivers.releaseDeliveries();

            assertTrue(collector.awaitExit(timeToStop()), "the service stops once the delivery is done");
            assertEquals(1, receivers.answered("POST", "/").size(), "the delivery under way was answered");
            assertEquals(1, receivers.received("POST", "/").size(), "no delivery starts after SIGTERM");
            assertEquals(1, waiting("recommendation"), "the answered batch left the outbox, the next one waits");
        }
    }

    /** What Kubernetes leaves a pod between SIGTERM and SIGKILL: the grace period after the preStop pause. */
    private static Duration timeToStop() throws IOException {
        Duration grace = Duration.ZERO;
        Duration pause = Duration.ZERO;
        for (JsonNode patch :
                YAML.readTree(Project.k8s().resolve("base/pod-hardening.yaml").toFile())) {
            String path = patch.path("path").asText();
            if (path.endsWith("/terminationGracePeriodSeconds")) {
                grace = Duration.ofSeconds(patch.path("value").asLong());
            } else if (path.endsWith("/lifecycle")) {
                JsonNode command = patch.at("/value/preStop/exec/command");
                assertEquals("sleep", command.path(0).asText());
                pause = Duration.ofSeconds(command.path(1).asLong());
            }
        }
        assertTrue(grace.compareTo(pause) > 0, "a grace period of " + grace + " after a pause of " + pause);
        return grace.minus(pause);
    }

    private static int waiting(String destination) throws Exception {
        try (Connection connection = ServiceProcess.connect();
                PreparedStatement count =
                        connection.prepareStatement("select count(*) from collector.outbox where destination = ?")) {
            count.setString(1, destination);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
