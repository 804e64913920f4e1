package io.vigil.deploy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Traces leave a service over OTLP (gRPC) only where VIGIL_OTLP_ENDPOINT names a collector: policy-service, started as
 * a cluster runs it, answers one request, and a collector on loopback receives that request's span, or, with the
 * variable set but empty as the manifests set it, nothing reaches even the exporter's default address.
 */
class OtlpExportTest {

    private static final int SERVICE_PORT = 18191;
    private static final int RECEIVER_PORT = 18192;
    /** Where an OTLP exporter sends when given no endpoint at all. */
    private static final int DEFAULT_OTLP_PORT = 4317;

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER_SPAN = "b7ad6b7169203331";
    private static final Pattern EXPORTER_TROUBLE =
            Pattern.compile("(?i).*(export|otlp|opentelemetry).*(fail|error|refused|unavailable).*");

    @Test
    void theSpanOfARequestReachesTheConfiguredCollector() throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(RECEIVER_PORT);
                ServiceProcess policy = start(collector.endpoint())) {
            policy.awaitReady();

            readPolicy();

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> collector.spans().stream()
                            .anyMatch(span -> span.traceId().equals(TRACE_ID)));
            OtlpReceiver.ReceivedSpan server = collector.spans().stream()
                    .filter(span -> span.traceId().equals(TRACE_ID) && span.kind() == Span.SpanKind.SPAN_KIND_SERVER)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no server span of the request in " + collector.spans()));
            assertEquals("policy-service", server.service());
            assertEquals(CALLER_SPAN, server.parentSpanId(), "the span continues the caller's");
            assertTrue(server.name().contains("/policy"), server.name());
        }
    }

    @Test
    void anEmptyEndpointExportsNothingAndLogsNoExporterTrouble() throws Exception {
        try (OtlpReceiver defaultAddress = OtlpReceiver.start(DEFAULT_OTLP_PORT);
                ServiceProcess policy = start("")) {
            policy.awaitReady();

            readPolicy();

            // A stopping service flushes the spans it holds, so once it has exited every export has been tried.
            policy.terminate();
            assertTrue(policy.awaitExit(Duration.ofSeconds(45)), "the service stops");
            assertEquals(0, defaultAddress.exports(), "spans exported to " + defaultAddress.endpoint());
            List<String> trouble = Files.readAllLines(policy.log()).stream()
                    .filter(line -> EXPORTER_TROUBLE.matcher(line).matches())
                    .toList();
            assertEquals(List.of(), trouble);
            assertFalse(Files.readString(policy.log()).isBlank(), "the service logged its start and stop");
        }
    }

    private static ServiceProcess start(String otlpEndpoint) throws IOException {
        return ServiceProcess.start(
                "policy-service",
                SERVICE_PORT,
                Map.of(
                        "VIGIL_OTLP_ENDPOINT", otlpEndpoint,
                        // No policy changes here, so nothing is delivered; the discard port all the same.
                        "VIGIL_COLLECTOR_URL", "http://127.0.0.1:9",
                        "VIGIL_RECOMMENDATION_URL", "http://127.0.0.1:9",
                        "VIGIL_ALERT_URL", "http://127.0.0.1:9"));
    }

    private static void readPolicy() {
        String subscription = "otlp-" + UUID.randomUUID();
        given().port(SERVICE_PORT)
                .header("Authorization", TestTokens.bearer(TestTokens.reader(subscription)))
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .when()
                .get("/api/v1/subscriptions/{subscription}/policy", subscription)
                .then()
                .statusCode(200);
    }
}
