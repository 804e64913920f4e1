package io.vigil.collector.scan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.collector.support.MessageSink;
import io.vigil.collector.support.OversizedUpload;
import io.vigil.collector.support.PolicyStub;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.Switch;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scanner reports arrive whole or not at all, in the formats named, and only where data collection is on. */
@QuarkusTest
class ScanResourceTest {

    private static final String SCANS = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}/scans";
    private static final String REPORTS = "select count(*) from collector.state_report r"
            + " join collector.machine m on m.id = r.machine_id where m.subscription_id = $1";
    private static final String TRIVY = TestData.resource("fixtures/vulnerability/trivy/debian-buster.json");
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);

    @Inject
    TestDatabase database;

    @TestHTTPResource("/")
    URI root;

    private String sub;

    @BeforeEach
    void collectingSubscription() {
        sub = TestData.collectingSubscription();
    }

    @Test
    void importsAReportOfSeveralMegabytesWhole() {
        String report = trivyReport(30_000, "a long enough title for a finding that a real scanner would write here");

        scan("trivy", report).statusCode(202).body("summary.findings", equalTo(30_000));

        String key = ("/subscriptions/" + sub + "/resourceGroups/rg/machines/vm").toLowerCase();
        Message snapshot = await().atMost(DELIVERY_BOUND)
                .until(
                        () -> MessageSink.received("recommendation", key).stream()
                                .filter(m -> m.kind().equals(MessageKinds.STATE_REPORTED))
                                .toList(),
                        found -> !found.isEmpty())
                .get(0);
        assertEquals(
                30_000,
                snapshot.payload()
                        .get("report")
                        .get("vulnerabilityAssessment")
                        .get("findings")
                        .size());
        assertEquals(true, report.length() > 5_000_000, "the report is " + report.length() + " characters");
    }

    @Test
    void saysInTheAnswerWhichTitlesItShortened() {
        String title = "a title far longer than a state report holds ".repeat(60);

        scan("trivy", trivyReport(3, title))
                .statusCode(202)
                .body("summary.findings", equalTo(3))
                .body("summary.shortened", hasSize(1))
                .body("summary.shortened[0].field", equalTo("finding title"))
                .body("summary.shortened[0].limit", equalTo(2000))
                .body("summary.shortened[0].count", equalTo(3));

        String key = ("/subscriptions/" + sub + "/resourceGroups/rg/machines/vm").toLowerCase();
        Message snapshot = await().atMost(DELIVERY_BOUND)
                .until(
                        () -> MessageSink.received("recommendation", key).stream()
                                .filter(m -> m.kind().equals(MessageKinds.STATE_REPORTED))
                                .toList(),
                        found -> !found.isEmpty())
                .get(0);
        String shown = snapshot.payload()
                .get("report")
                .get("vulnerabilityAssessment")
                .get("findings")
                .get(0)
                .get("title")
                .asText();
        assertEquals(2000, shown.length());
        assertTrue(shown.endsWith("…") && title.startsWith(shown.substring(0, 1999)), shown);
    }

    @Test
    void deliversWhatEachXccdfCheckExpectedAndFound() {
        given().contentType(ContentType.XML)
                .queryParam("format", "xccdf")
                .body(TestData.resource("scans/xccdf-values-and-imports.xml"))
                .when()
                .post(SCANS, sub, "rg", "vm")
                .then()
                .statusCode(202)
                .body("summary.ruleResultsByOutcome.Fail", equalTo(5));

        String key = ("/subscriptions/" + sub + "/resourceGroups/rg/machines/vm").toLowerCase();
        Message snapshot = await().atMost(DELIVERY_BOUND)
                .until(
                        () -> MessageSink.received("recommendation", key).stream()
                                .filter(m -> m.kind().equals(MessageKinds.STATE_REPORTED))
                                .toList(),
                        found -> !found.isEmpty())
                .get(0);
        JsonNode timeout =
                snapshot.payload().get("report").get("baseline").get("results").get(0);
        assertEquals("xccdf_io.vigil_rule_accounts_tmout", timeout.get("ruleId").asText());
        assertEquals(
                "Account Inactivity Timeout (seconds): at most 900",
                timeout.get("expected").asText());
        assertEquals(
                "TMOUT is not set in /etc/profile or /etc/profile.d",
                timeout.get("actual").asText());
    }

    @Test
    void saysNothingWasShortenedWhenNothingWas() {
        scan("trivy", TRIVY).statusCode(202).body("summary.shortened", empty());
    }

    @Test
    void refusesAReportWithMoreFindingsThanAStateReportHoldsAndStoresNothing() {
        scan("trivy", trivyReport(100_001, null))
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/report-too-large"));

        assertEquals(0, database.count(REPORTS, sub));
    }

    @ParameterizedTest
    @CsvSource({"trivy, application/json", "grype, application/json", "xccdf, application/xml"})
    void refusesAReportPastTheBodyLimitWithAProblemDocumentAndStoresNothing(String format, String contentType)
            throws Exception {
        HttpResponse<String> answer = OversizedUpload.post(
                root,
                "api/v1/subscriptions/" + sub + "/resourceGroups/rg/machines/vm/scans?format=" + format,
                contentType,
                sub);

        assertEquals(413, answer.statusCode());
        assertEquals(Optional.of("application/problem+json"), answer.headers().firstValue("Content-Type"));
        assertTrue(answer.body().contains("\"type\":\"/problems/body-too-large\""), answer.body());
        assertTrue(answer.body().contains("at most 16777216 are taken"), answer.body());
        assertEquals(0, database.count(REPORTS, sub));
    }

    @Test
    void refusesAnUnknownFormatAndAnUnreadableReport() {
        scan("nessus", TRIVY)
                .statusCode(400)
                .body("errors[0].field", equalTo("format"))
                .body("detail", containsString("trivy, grype, xccdf"));
        scan(null, TRIVY).statusCode(400);
        scan("trivy", "{\"SchemaVersion\": 2, \"Results\": [").statusCode(400).contentType("application/problem+json");
        scan("grype", TRIVY).statusCode(400);
        scan("trivy", TestData.resource("scans/trivy-nul-in-package-name.json"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("NUL"));
        scan("xccdf", TestData.resource("scans/xccdf-external-entity.xml"))
                .statusCode(400)
                .body("detail", containsString("xccdf"));

        assertEquals(0, database.count(REPORTS, sub));
    }

    @Test
    void refusesScansWhenDataCollectionIsOff() {
        PolicyStub.dataCollection(sub, Switch.Off);

        scan("trivy", TRIVY).statusCode(403).body("type", equalTo("/problems/data-collection-disabled"));

        assertEquals(0, database.count(REPORTS, sub));
    }

    private ValidatableResponse scan(String format, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (format != null) {
            request.queryParam("format", format);
        }
        return request.when().post(SCANS, sub, "rg", "vm").then();
    }

    /** A Trivy report of {@code count} findings in one OS package result; {@code title} may be null. */
    private static String trivyReport(int count, String title) {
        StringBuilder report = new StringBuilder(count * 160);
        report.append("{\"SchemaVersion\": 2, \"ArtifactName\": \"vm\", \"ArtifactType\": \"vm\", \"Results\": [")
                .append("{\"Target\": \"vm (debian 12)\", \"Class\": \"os-pkgs\", \"Vulnerabilities\": [");
        List<String> severities = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                report.append(',');
            }
            report.append("{\"VulnerabilityID\": \"CVE-2026-")
                    .append(10_000 + i)
                    .append("\", \"PkgName\": \"pkg")
                    .append(i % 500)
                    .append("\", \"InstalledVersion\": \"1.0\", \"Severity\": \"")
                    .append(severities.get(i % 4))
                    .append('"');
            if (title != null) {
                report.append(", \"FixedVersion\": \"1.1\", \"Title\": \"")
                        .append(title)
                        .append('"');
            }
            report.append('}');
        }
        return report.append("]}]}").toString();
    }
}
