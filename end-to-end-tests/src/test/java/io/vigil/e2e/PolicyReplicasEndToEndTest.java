package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static io.vigil.e2e.VigilApi.AUTHORIZATION;
import static io.vigil.e2e.VigilApi.configureSubscription;
import static io.vigil.e2e.VigilApi.ingestionKey;
import static io.vigil.e2e.VigilApi.newSubscription;
import static io.vigil.e2e.VigilApi.policy;
import static io.vigil.e2e.VigilApi.postReport;
import static io.vigil.e2e.VigilApi.recommendationState;
import static io.vigil.e2e.VigilApi.registerMachine;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of recommendation-service over one database. Policy-service's notice of a change reaches the one its
 * outbox delivers to; a state report the other replica handles afterwards must still be judged by the new policy,
 * not by the one that replica kept from before.
 */
class PolicyReplicasEndToEndTest {

    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);
    private static final int SECOND_REPLICA_PORT = 19085;
    private static final String GROUP = "Replicated";
    private static final String MACHINE = "vm-01";
    /** Far above the ids the collector's outbox hands out in this run, which share the second replica's inbox. */
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(1_000_000_000L);

    private static VigilStack stack;

    @BeforeAll
    static void startStackAndASecondReplica() throws IOException, SQLException {
        stack = VigilStack.running();
        // It keeps what it read for ten minutes: only the recorded notice can make it read the policy again.
        stack.startReplica("recommendation-service", SECOND_REPLICA_PORT, "vigil.policy-cache.ttl=10M");
    }

    @AfterAll
    static void stopTheSecondReplica() throws InterruptedException {
        stack.stopReplica(SECOND_REPLICA_PORT);
    }

    @Test
    void aReportTheOtherReplicaHandlesAfterDiskEncryptionWasTurnedOffDoesNotReopenIt() throws IOException {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Free");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, GROUP, MACHINE, "Linux");
        postReport(sub, agentKey, GROUP, MACHINE, "reports/unencrypted-data-volume.json");
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> recommendationState(sub, "ApplyDiskEncryption"), "Active"::equals);
        // The second replica reads and keeps the policy while disk encryption is still on.
        deliverReportToSecondReplica(sub, Instant.parse("2026-12-01T11:00:00Z"));
        assertEquals("Active", recommendationState(sub, "ApplyDiskEncryption"));

        given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .contentType(ContentType.JSON)
                .body(Map.of("recommendations", Map.of("diskEncryption", "Off")))
                .when()
                .put(policy("/api/v1/subscriptions/{sub}/resourceGroups/{rg}/policy"), sub, GROUP)
                .then()
                .statusCode(200);
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> recommendationState(sub, "ApplyDiskEncryption"), "Resolved"::equals);

        deliverReportToSecondReplica(sub, Instant.parse("2026-12-01T12:00:00Z"));

        assertEquals("Resolved", recommendationState(sub, "ApplyDiskEncryption"));
    }

    /** The unencrypted data volume reported again, delivered as the collector's outbox would, to the second replica. */
    private static void deliverReportToSecondReplica(String sub, Instant collectedAt) {
        Map<String, Object> machine = Map.of("subscriptionId", sub, "resourceGroup", GROUP, "name", MACHINE);
        Map<String, Object> report = Map.of(
                "collectedAt",
                collectedAt.toString(),
                "diskEncryption",
                Map.of(
                        "volumes",
                        List.of(
                                Map.of("mount", "/", "kind", "Os", "encrypted", true),
                                Map.of("mount", "/srv/data", "kind", "Data", "encrypted", false))));
        Map<String, Object> snapshot =
                Map.of("machine", machine, "osType", "Linux", "receivedAt", collectedAt.toString(), "report", report);
        String key = ("/subscriptions/" + sub + "/resourceGroups/" + GROUP + "/machines/" + MACHINE)
                .toLowerCase(Locale.ROOT);
        Map<String, Object> message =
                Map.of("id", MESSAGE_IDS.incrementAndGet(), "kind", "StateReported", "key", key, "payload", snapshot);

        given().header("X-Vigil-Service-Credential", VigilStack.credentialOf("collector"))
                .contentType(ContentType.JSON)
                .body(Map.of("source", "collector", "messages", List.of(message)))
                .when()
                .post("http://127.0.0.1:" + SECOND_REPLICA_PORT + "/internal/messages")
                .then()
                .statusCode(204);
    }
}
