package io.vigil.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context crosses every call between the services: collector-service, started as a cluster runs it, calls
 * a stand-in for policy-service (the effective policy) and for the receivers of its outbox, which record what they
 * are sent.
 */
class TracePropagationTest {

    private static final int COLLECTOR_PORT = 18187;
    private static final int RECEIVER_PORT = 18188;
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String MACHINE = "/api/v1/subscriptions/{subscription}/resourceGroups/rg/machines/vm1";
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    @Test
    void theEffectivePolicyReadJoinsTheRequestsTraceAndEachOutboxDeliveryCarriesItsOwn() throws Exception {
        ServiceProcess.dropSchema("collector");
        String subscription = "trace-" + UUID.randomUUID();
        try (StandIn receiver = StandIn.start(RECEIVER_PORT);
                ServiceProcess collector = ServiceProcess.start(
                        "collector-service",
                        COLLECTOR_PORT,
                        Map.of(
                                "VIGIL_POLICY_URL", receiver.url(),
                                "VIGIL_RECOMMENDATION_URL", receiver.url(),
                                "VIGIL_ALERT_URL", receiver.url()))) {
            collector.awaitReady();

            String token = TestTokens.bearer(TestTokens.admin(subscription));
            given().port(COLLECTOR_PORT)
                    .header("Authorization", token)
                    .contentType("application/json")
                    .body(Map.of("vmId", UUID.randomUUID().toString(), "osType", "Linux"))
                    .when()
                    .put(MACHINE, subscription)
                    .then()
                    .statusCode(anyOf(is(200), is(201)));
            // A state report is taken only where the effective policy has data collection on: it is read right then.
            given().port(COLLECTOR_PORT)
                    .header("Authorization", token)
                    .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                    .contentType("application/json")
                    .body(Map.of(
                            "collectedAt",
                            Instant.now().toString(),
                            "updates",
                            Map.of("missing", List.of(), "rebootPending", false)))
                    .when()
                    .post(MACHINE + "/reports", subscription)
                    .then()
                    .statusCode(both(greaterThanOrEqualTo(200)).and(lessThan(300)));

            List<StandIn.Recorded> reads = receiver.received("GET", "/internal/subscriptions/" + subscription + "/");
            assertFalse(reads.isEmpty(), "the report read the machine's effective policy");
            assertTrue(
                    reads.stream().anyMatch(read -> traceparent(read).group(1).equals(TRACE_ID)),
                    "the read continues the caller's trace: " + reads);
            reads.forEach(read -> assertNotEquals(CALLER_SPAN, traceparent(read).group(2), "a span of its own"));

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> receiver.received("POST", "/internal/messages").stream()
                            .anyMatch(delivery -> delivery.body().contains(subscription)));
            for (StandIn.Recorded delivery : receiver.received("POST", "/internal/messages")) {
                assertEquals(1, delivery.traceparents().size(), "one traceparent per delivery: " + delivery);
                assertNotEquals(TRACE_ID, traceparent(delivery).group(1), "a delivery batch is a trace of its own");
            }
        }
    }

    private static java.util.regex.Matcher traceparent(StandIn.Recorded request) {
        assertEquals(1, request.traceparents().size(), request.toString());
        var matcher = TRACEPARENT.matcher(request.traceparents().get(0));
        assertTrue(matcher.matches(), request.traceparents().get(0));
        return matcher;
    }
}
