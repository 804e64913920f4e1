package io.vigil.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.collector.support.MessageSink;
import io.vigil.collector.support.TestData;
import io.vigil.collector.support.TestDatabase;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageKinds;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every real sample input imports through the API with the counts its source README states (the facts in
 * {@code src/test/resources/fixtures/NOTICE.md} and beside each file), is stored, and is delivered on.
 */
@QuarkusTest
class FixtureImportTest {

    private static final String MACHINE = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}";
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(20);
    private static final String EVENTS_BY_ACTION = "select count(*) from collector.event e"
            + " join collector.machine m on m.id = e.machine_id where m.subscription_id = $1 and e.action = $2";
    private static final String EVENTS_BY_SOURCE = "select count(*) from collector.event e"
            + " join collector.machine m on m.id = e.machine_id"
            + " where m.subscription_id = $1 and e.action = $2 and e.source_address = $3";

    @Inject
    TestDatabase database;

    private String sub;

    @BeforeEach
    void collectingSubscription() {
        sub = TestData.collectingSubscription();
    }

    @Test
    void importsTheRhelSecureLogWithItsFailedLogonsPerAttacker() {
        events("host01", "text/plain", "fixtures/linux/auth/secure-rhel7.log")
                .body("accepted", equalTo(1000))
                .body("rejected", equalTo(0));

        assertEquals(213, database.count(EVENTS_BY_SOURCE, sub, "LogonFailed", "203.0.113.10"));
        assertEquals(61, database.count(EVENTS_BY_SOURCE, sub, "LogonFailed", "203.0.113.20"));
        assertEquals(78, database.count(EVENTS_BY_SOURCE, sub, "LogonFailed", "203.0.113.30"));
        assertEquals(3, database.count(EVENTS_BY_ACTION, sub, "LogonSucceeded"));
        assertEquals(76, database.count(EVENTS_BY_ACTION, sub, "AuthenticationFailure"));
        assertEquals(2, database.count(EVENTS_BY_ACTION, sub, "PrivilegeUsed"));
    }

    @Test
    void importsTheMixedAuthLog() {
        events("precise32", "text/plain", "fixtures/linux/auth/test.log")
                .body("accepted", equalTo(10))
                .body("rejected", equalTo(0));

        assertEquals(2, database.count(EVENTS_BY_ACTION, sub, "LogonSucceeded"));
        assertEquals(1, database.count(EVENTS_BY_ACTION, sub, "LogonFailed"));
        assertEquals(1, database.count(EVENTS_BY_ACTION, sub, "InvalidUser"));
        assertEquals(1, database.count(EVENTS_BY_ACTION, sub, "PrivilegeDenied"));
        assertEquals(1, database.count(EVENTS_BY_ACTION, sub, "AccountCreated"));
        assertEquals(1, database.count(EVENTS_BY_ACTION, sub, "GroupCreated"));
    }

    @Test
    void importsIsoTimestampsInUtc() {
        events("host03", "text/plain", "fixtures/linux/auth/timestamp.log").body("accepted", equalTo(2));

        assertEquals(
                1,
                database.count(
                        "select count(*) from collector.event e join collector.machine m on m.id = e.machine_id"
                                + " where m.subscription_id = $1 and e.event_time = '2019-06-14T10:40:20.912134Z'",
                        sub));
        assertEquals(
                1,
                database.count(
                        "select count(*) from collector.event e join collector.machine m on m.id = e.machine_id"
                                + " where m.subscription_id = $1 and e.event_time = '2019-06-14T11:31:15.412Z'",
                        sub));
    }

    @Test
    void importsTheWindowsSecuritySample() {
        events(
                        "workstation6",
                        "application/json",
                        "fixtures/windows/security/WORKSTATION6_Windows_Security_2022-09-22T12313335.json")
                .body("accepted", equalTo(37))
                .body("rejected", equalTo(0));

        assertEquals(1, database.count(EVENTS_BY_ACTION, sub, "ProcessCreated"));
        assertEquals(
                1,
                database.count(
                        "select count(*) from collector.event e join collector.machine m on m.id = e.machine_id"
                                + " where m.subscription_id = $1 and e.process like '%notepad.exe'"
                                + " and e.parent_process like '%powershell.exe' and e.account = 'wardog'",
                        sub));
        assertEquals(
                37,
                database.count(
                        "select count(*) from collector.event e join collector.machine m on m.id = e.machine_id"
                                + " where m.subscription_id = $1 and e.host = 'WORKSTATION6.mssentinel.local'"
                                + " and e.event_time between '2022-09-22T12:31:14.259Z' and '2022-09-22T12:31:24.602Z'",
                        sub));
    }

    @Test
    void importsEachTrivySampleWithItsFindings() {
        scan("amazon", "trivy", "fixtures/vulnerability/trivy/amazonlinux2-gp2-x86-vm.json")
                .body("summary.findings", equalTo(1))
                .body("summary.findingsBySeverity.Medium", equalTo(1));
        scan("buster", "trivy", "fixtures/vulnerability/trivy/debian-buster.json")
                .body("summary.findings", equalTo(2))
                .body("summary.findingsByScannerSeverity.CRITICAL", equalTo(1))
                .body("summary.findingsBySeverity.High", equalTo(1))
                .body("summary.findingsBySeverity.Low", equalTo(1));
        scan("stretch", "trivy", "fixtures/vulnerability/trivy/debian-stretch.json")
                .body("summary.findings", equalTo(5))
                .body("summary.findingsBySeverity.Medium", equalTo(4))
                .body("summary.findingsBySeverity.Low", equalTo(1));

        JsonNode amazon = delivered("amazon").get("vulnerabilityAssessment");
        assertEquals("trivy", amazon.get("product").asText());
        JsonNode bind = amazon.get("findings").get(0);
        assertEquals(
                "CVE-2022-38177 bind-export-libs 32:9.11.4-26.P2.amzn2.5.2 99:9.11.4-26.P2.amzn2.13 Medium",
                bind.get("cve").asText() + " " + bind.get("package").asText() + " "
                        + bind.get("installedVersion").asText() + " "
                        + bind.get("fixedVersion").asText() + " "
                        + bind.get("severity").asText());
        assertEquals(
                5,
                delivered("stretch")
                        .get("vulnerabilityAssessment")
                        .get("findings")
                        .size());
    }

    @Test
    void importsTheGrypeSampleWithItsNineMatches() {
        scan("npm-app", "grype", "fixtures/vulnerability/grype/many_vulns4.json")
                .body("summary.product", equalTo("grype"))
                .body("summary.findings", equalTo(9))
                .body("summary.findingsBySeverity.High", equalTo(4))
                .body("summary.findingsBySeverity.Medium", equalTo(5));

        JsonNode findings = delivered("npm-app").get("vulnerabilityAssessment").get("findings");
        Map<String, Integer> byPackage = new TreeMap<>();
        findings.forEach(f -> byPackage.merge(f.get("package").asText(), 1, Integer::sum));
        assertEquals(3, byPackage.get("delegate"));
        assertEquals(7, byPackage.size());
        findings.forEach(f -> assertEquals(false, f.hasNonNull("fixedVersion"), f.toString()));
    }

    @Test
    void importsTheXccdfResultsAsBaselineRuleResults() {
        scan("host02", "xccdf", "fixtures/baseline/xccdf/xccdf_rule_and_cpe_check.xml")
                .body("summary.ruleResults", equalTo(3))
                .body("summary.ruleResultsByOutcome.Pass", equalTo(1))
                .body("summary.ruleResultsByOutcome.Fail", equalTo(1))
                .body("summary.ruleResultsByOutcome.NotApplicable", equalTo(1));

        JsonNode report = delivered("host02");
        Map<String, String> results = new TreeMap<>();
        report.get("baseline")
                .get("results")
                .forEach(r ->
                        results.put(r.get("ruleId").asText(), r.get("result").asText()));
        assertEquals(
                Map.of(
                        "xccdf_moc.elpmaxe.www_rule_applicable_fail", "Fail",
                        "xccdf_moc.elpmaxe.www_rule_applicable_pass", "Pass",
                        "xccdf_moc.elpmaxe.www_rule_notapplicable", "NotApplicable"),
                results);
        assertEquals(
                false,
                report.has("vulnerabilityAssessment")
                        && !report.get("vulnerabilityAssessment").isNull());
    }

    private ValidatableResponse events(String machine, String contentType, String file) {
        return given().contentType(contentType)
                .body(TestData.resource(file))
                .when()
                .post(MACHINE + "/events", sub, "fixtures", machine)
                .then()
                .statusCode(202);
    }

    private ValidatableResponse scan(String machine, String format, String file) {
        return given().contentType(format.equals("xccdf") ? ContentType.XML : ContentType.JSON)
                .queryParam("format", format)
                .body(TestData.resource(file))
                .when()
                .post(MACHINE + "/scans", sub, "fixtures", machine)
                .then()
                .statusCode(202)
                .body("format", equalTo(format));
    }

    /** The report of the state snapshot delivered to recommendation-service for the machine. */
    private JsonNode delivered(String machine) {
        String key = ("/subscriptions/" + sub + "/resourceGroups/fixtures/machines/" + machine).toLowerCase();
        List<Message> snapshots = await().atMost(DELIVERY_BOUND)
                .until(
                        () -> MessageSink.received("recommendation", key).stream()
                                .filter(m -> m.kind().equals(MessageKinds.STATE_REPORTED))
                                .toList(),
                        found -> !found.isEmpty());
        return snapshots.get(0).payload().get("report");
    }
}
