package io.vigil.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
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
    private static final String FROM =
            " from collector.event e join collector.machine m on m.id = e.machine_id" + " where m.subscription_id = $1";
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
        assertEquals(
                List.of("root 352"),
                texts("e.account || ' ' || count(*)", "e.action = 'LogonFailed' group by e.account"));
        assertEquals(
                List.of("Feb 22 16:45:20 Feb 22 17:04:51 1000"),
                texts(
                        "to_char(min(e.event_time) at time zone 'UTC', 'Mon DD HH24:MI:SS') || ' '"
                                + " || to_char(max(e.event_time) at time zone 'UTC', 'Mon DD HH24:MI:SS') || ' ' || count(*)",
                        "to_char(e.event_time at time zone 'UTC', 'Mon DD') = 'Feb 22'"));
        assertEquals(
                List.of("sshd 998", "sudo 2"),
                texts("e.program || ' ' || count(*)", "true group by e.program order by 1"));
        assertEquals(3, database.count(EVENTS_BY_ACTION, sub, "LogonSucceeded"));
        assertEquals(2, database.count(EVENTS_BY_ACTION, sub, "PrivilegeUsed"));
    }

    @Test
    void importsEachRhelAttackersFailuresWithTheirTimesSessionsAndPamFailures() {
        events("host01", "text/plain", "fixtures/linux/auth/secure-rhel7.log").body("accepted", equalTo(1000));

        assertEquals(
                List.of(
                        "203.0.113.10 Feb 22 16:45:20 Feb 22 17:04:48",
                        "203.0.113.20 Feb 22 16:45:57 Feb 22 17:04:41",
                        "203.0.113.30 Feb 22 16:59:17 Feb 22 17:04:44"),
                texts(
                        "e.source_address || ' ' || to_char(min(e.event_time) at time zone 'UTC', 'Mon DD HH24:MI:SS') || ' '"
                                + " || to_char(max(e.event_time) at time zone 'UTC', 'Mon DD HH24:MI:SS')",
                        "e.action = 'LogonFailed' group by e.source_address order by 1"));
        // The sshd process id is not a field of an event; the raw text keeps it.
        assertEquals(
                List.of("203.0.113.10 43", "203.0.113.20 21", "203.0.113.30 13"),
                texts(
                        "e.source_address || ' ' || count(distinct substring(e.raw from ' sshd\\[(\\d+)\\]: '))",
                        "e.action = 'LogonFailed' group by e.source_address order by 1"));
        assertEquals(
                List.of("203.0.113.10 42", "203.0.113.20 21", "203.0.113.30 13"),
                texts(
                        "e.source_address || ' ' || count(*)",
                        "e.action = 'AuthenticationFailure' and e.raw like '%pam_unix(sshd:auth): authentication"
                                + " failure;%' group by e.source_address order by 1"));
        assertEquals(
                List.of("3 LogonFailed", "4 AuthenticationFailure"),
                texts(
                        "sum(e.count) || ' ' || e.action",
                        "e.raw like '%sshd[2738]:%' and e.action in ('LogonFailed', 'AuthenticationFailure')"
                                + " group by e.action order by 1"));
        // On a tie (203.0.113.30 failed 15 times at 17:00 and again at 17:02) the earlier minute.
        assertEquals(
                List.of("203.0.113.10 19 16:54", "203.0.113.20 6 16:48", "203.0.113.30 15 17:00"),
                database.texts(
                        "select distinct on (source_address) source_address || ' ' || n || ' '"
                                + " || to_char(minute, 'HH24:MI') from (select e.source_address,"
                                + " date_trunc('minute', e.event_time at time zone 'UTC') as minute, count(*) as n"
                                + FROM
                                + " and e.action = 'LogonFailed' group by 1, 2) as t"
                                + " order by source_address, n desc, minute",
                        sub));
    }

    @Test
    void importsTheRhelLogonsSessionsAndDisconnections() {
        events("host01", "text/plain", "fixtures/linux/auth/secure-rhel7.log").body("accepted", equalTo(1000));

        assertEquals(
                List.of("publickey alice 198.51.100.10 2", "publickey bob 198.51.100.20 1"),
                texts(
                        "e.logon_type || ' ' || e.account || ' ' || e.source_address || ' ' || count(*)",
                        "e.action = 'LogonSucceeded' group by e.logon_type, e.account, e.source_address order by 1"));
        assertEquals(3, database.count(EVENTS_BY_ACTION, sub, "SessionOpened"));
        assertEquals(2, database.count(EVENTS_BY_ACTION, sub, "SessionClosed"));
        // sshd's "Too many authentication failures" line names the account, not the client.
        assertEquals(
                List.of("root - 13"),
                texts(
                        "e.account || ' ' || coalesce(e.source_address, '-') || ' ' || count(*)",
                        "e.action = 'Disconnected' and e.raw like '%Disconnecting: Too many authentication"
                                + " failures%' group by e.account, e.source_address"));
        assertEquals(
                List.of("198.51.100.10 2", "203.0.113.20 21"),
                texts(
                        "e.source_address || ' ' || count(*)",
                        "e.action = 'Disconnected' and e.raw like '%Received disconnect from%'"
                                + " group by e.source_address order by 1"));
    }

    @Test
    void importsTheMixedAuthLog() {
        events("precise32", "text/plain", "fixtures/linux/auth/test.log")
                .body("accepted", equalTo(10))
                .body("rejected", equalTo(0));

        assertEquals(
                List.of("password vagrant 192.168.33.1", "publickey vagrant 10.0.2.2"),
                texts(
                        "e.logon_type || ' ' || e.account || ' ' || e.source_address",
                        "e.action = 'LogonSucceeded' order by 1"));
        assertEquals(
                List.of("Disconnected - 203.0.113.20", "InvalidUser test 10.0.2.2", "LogonFailed root 203.0.113.10"),
                texts(
                        "e.action || ' ' || coalesce(e.account, '-') || ' ' || e.source_address",
                        "e.action in ('LogonFailed', 'InvalidUser', 'Disconnected') order by 1"));
        assertEquals(
                List.of(
                        "PrivilegeDenied bob /bin/ls",
                        "PrivilegeUsed vagrant /bin/cat /var/log/secure",
                        "PrivilegeUsed vagrant /bin/ls"),
                texts("e.action || ' ' || e.account || ' ' || e.command_line", "e.program = 'sudo' order by 1"));
        // Numeric user and group ids are not fields of an event; the raw text keeps them.
        assertEquals(
                List.of("AccountCreated apache - UID=48, GID=48", "GroupCreated - apache GID=48"),
                texts(
                        "e.action || ' ' || coalesce(e.account, '-') || ' ' || coalesce(e.group_name, '-') || ' '"
                                + " || substring(e.raw from '(UID=48, GID=48|GID=48)')",
                        "e.program in ('useradd', 'groupadd') order by 1"));
        assertEquals(
                List.of("Feb 19 15:30:04 Feb 24 00:13:02"),
                texts(
                        "to_char(min(e.event_time) at time zone 'UTC', 'Mon DD HH24:MI:SS') || ' '"
                                + " || to_char(max(e.event_time) at time zone 'UTC', 'Mon DD HH24:MI:SS')",
                        "true"));
        assertEquals(
                List.of("host01 2", "localhost 7", "precise32 1"),
                texts("e.host || ' ' || count(*)", "true group by e.host order by 1"));
        assertEquals(0, database.count(EVENTS_BY_ACTION, sub, "Other"));
    }

    @Test
    void importsIsoTimestampsInUtc() {
        events("host03", "text/plain", "fixtures/linux/auth/timestamp.log").body("accepted", equalTo(2));

        assertEquals(
                List.of("2019-06-14T10:40:20.912134 sudo SessionOpened root", "2019-06-14T11:31:15.412000 pam Other -"),
                texts(
                        "to_char(e.event_time at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || ' ' || e.program"
                                + " || ' ' || e.action || ' ' || coalesce(e.account, '-')",
                        "true order by e.event_time"));
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
        assertEquals(
                List.of("2022-09-22T12:31:14.259 2022-09-22T12:31:24.602 Security 37"),
                texts(
                        "to_char(min(e.event_time) at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS') || ' '"
                                + " || to_char(max(e.event_time) at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS')"
                                + " || ' ' || e.program || ' ' || count(*)",
                        "true group by e.program"));
    }

    /**
     * The event id and record number are not fields of a normalized event: events Vigil does not map are Other, and
     * each keeps its element as received, where the ids are.
     */
    @Test
    void importsEveryWindowsEventWithItsIdsInTheRawText() {
        events(
                        "workstation6",
                        "application/json",
                        "fixtures/windows/security/WORKSTATION6_Windows_Security_2022-09-22T12313335.json")
                .body("accepted", equalTo(37));

        assertEquals(
                List.of("4656 7", "4658 14", "4663 6", "4673 1", "4688 1", "4690 7", "5158 1"),
                texts(
                        "(e.raw::jsonb ->> 'EventID') || ' ' || count(*)",
                        "true group by e.raw::jsonb ->> 'EventID' order by 1"));
        assertEquals(
                List.of("1350050 1350096"),
                texts(
                        "min((e.raw::jsonb ->> 'EventRecordID')::bigint) || ' '"
                                + " || max((e.raw::jsonb ->> 'EventRecordID')::bigint)",
                        "true"));
        assertEquals(
                List.of("Other 36", "Process 1"),
                texts("e.category || ' ' || count(*)", "true group by e.category order by 1"));
        assertEquals(
                List.of("- 1", "wardog 36"),
                texts("coalesce(e.account, '-') || ' ' || count(*)", "true group by e.account order by 1"));
        assertEquals(List.of("5158"), texts("e.raw::jsonb ->> 'EventID'", "e.account is null"));
    }

    @Test
    void importsEachTrivySampleWithItsFindings() {
        scan("amazon", "trivy", "fixtures/vulnerability/trivy/amazonlinux2-gp2-x86-vm.json")
                .body("summary.findings", equalTo(1))
                .body("summary.findingsBySeverity.Medium", equalTo(1))
                .body("summary.findingsByScannerStatus", equalTo(Map.of("fixed", 1)))
                .body("summary.target.name", equalTo("disk.img"))
                .body("summary.target.type", equalTo("vm"))
                .body("summary.target.operatingSystem", equalTo("amazon 2 (Karoo)"))
                .body("summary.target.operatingSystemEndOfLife", nullValue());
        scan("buster", "trivy", "fixtures/vulnerability/trivy/debian-buster.json")
                .body("summary.findings", equalTo(2))
                .body("summary.findingsByScannerSeverity.CRITICAL", equalTo(1))
                .body("summary.findingsBySeverity.High", equalTo(1))
                .body("summary.findingsBySeverity.Low", equalTo(1))
                .body("summary.findingsByScannerStatus", equalTo(Map.of("affected", 1, "fixed", 1)))
                .body("summary.target.type", equalTo("container_image"))
                .body("summary.target.operatingSystem", equalTo("debian 10.1"));
        scan("stretch", "trivy", "fixtures/vulnerability/trivy/debian-stretch.json")
                .body("summary.findings", equalTo(5))
                .body("summary.findingsBySeverity.Medium", equalTo(4))
                .body("summary.findingsBySeverity.Low", equalTo(1))
                .body("summary.findingsByScannerStatus", equalTo(Map.of("end_of_life", 1, "fixed", 4)))
                .body("summary.target.operatingSystem", equalTo("debian 9.9"))
                .body("summary.target.operatingSystemEndOfLife", equalTo(true));

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
        // The status itself is not kept: a fixed finding carries its fixed version, the others none.
        assertEquals(1, withFixedVersion(delivered("buster")));
        assertEquals(4, withFixedVersion(delivered("stretch")));
    }

    @Test
    void importsTheGrypeSampleWithItsNineMatches() {
        scan("npm-app", "grype", "fixtures/vulnerability/grype/many_vulns4.json")
                .body("summary.product", equalTo("grype"))
                .body("summary.productVersion", equalTo("0.24.0"))
                .body("summary.target.type", equalTo("directory"))
                .body("summary.findings", equalTo(9))
                .body("summary.findingsBySeverity.High", equalTo(4))
                .body("summary.findingsBySeverity.Medium", equalTo(5))
                .body("summary.findingsByScannerSeverity", equalTo(Map.of("Critical", 2, "High", 2, "Medium", 5)))
                .body("summary.findingsByPackageType", equalTo(Map.of("npm", 8, "python", 1)))
                .body("summary.findingsByScannerStatus", equalTo(Map.of("unknown", 8, "not-fixed", 1)));

        JsonNode findings = delivered("npm-app").get("vulnerabilityAssessment").get("findings");
        Map<String, Integer> byPackage = new TreeMap<>();
        findings.forEach(f -> byPackage.merge(f.get("package").asText(), 1, Integer::sum));
        assertEquals(3, byPackage.get("delegate"));
        assertEquals(7, byPackage.size());
        findings.forEach(f -> assertEquals(false, f.hasNonNull("fixedVersion"), f.toString()));
        Map<String, Integer> idKinds = new TreeMap<>();
        findings.forEach(f -> idKinds.merge(f.get("cve").asText().split("-")[0], 1, Integer::sum));
        assertEquals(Map.of("CVE", 8, "GHSA", 1), idKinds);
    }

    @Test
    void importsTheXccdfResultsAsBaselineRuleResults() {
        scan("host02", "xccdf", "fixtures/baseline/xccdf/xccdf_rule_and_cpe_check.xml")
                .body("summary.ruleResults", equalTo(3))
                .body("summary.ruleResultsByOutcome.Pass", equalTo(1))
                .body("summary.ruleResultsByOutcome.Fail", equalTo(1))
                .body("summary.ruleResultsByOutcome.NotApplicable", equalTo(1))
                .body("summary.scores[0].system", equalTo("urn:xccdf:scoring:default"))
                .body("summary.scores[0].value", equalTo(50.0f))
                .body("summary.scores[0].maximum", equalTo(100.0f))
                .body("summary.target.name", equalTo("host02"))
                .body("summary.identity", equalTo("carol"));

        JsonNode report = delivered("host02");
        report.get("baseline").get("results").forEach(r -> {
            assertEquals(false, r.hasNonNull("severity"), "severity unknown is none: " + r);
            assertEquals(false, r.hasNonNull("expected") || r.hasNonNull("actual"), "the file has neither");
        });
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

    /** One text per row: {@code select} over the subscription's events where {@code condition} holds. */
    private List<String> texts(String select, String condition) {
        return database.texts("select " + select + FROM + " and " + condition, sub);
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

    private static int withFixedVersion(JsonNode report) {
        int count = 0;
        for (JsonNode finding : report.get("vulnerabilityAssessment").get("findings")) {
            count += finding.hasNonNull("fixedVersion") ? 1 : 0;
        }
        return count;
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
