package io.vigil.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testing.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A pod that stops (SIGTERM) while its outbox relay waits on a receiver finishes that delivery before the process
 * ends, so the batch is acknowledged once, and starts no other: what is left waits in the outbox for another replica.
 * Batches of one message here, so a second one is left.
 */
class GracefulShutdownTest {

    private static final int COLLECTOR_PORT = 18189;
    private static final int RECEIVERS_PORT = 18190;

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

            assertTrue(collector.awaitExit(Duration.ofSeconds(45)), "the service stops once the delivery is done");
            assertEquals(1, receivers.answered("POST", "/").size(), "the delivery under way was answered");
            assertEquals(1, receivers.received("POST", "/").size(), "no delivery starts after SIGTERM");
            assertEquals(1, waiting("recommendation"), "the answered batch left the outbox, the next one waits");
        }
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
