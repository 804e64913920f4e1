package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static io.vigil.e2e.VigilApi.AUTHORIZATION;
import static io.vigil.e2e.VigilApi.INGESTION_KEY;
import static io.vigil.e2e.VigilApi.collector;
import static io.vigil.e2e.VigilApi.configureSubscription;
import static io.vigil.e2e.VigilApi.ingestionKey;
import static io.vigil.e2e.VigilApi.machineHealth;
import static io.vigil.e2e.VigilApi.newSubscription;
import static io.vigil.e2e.VigilApi.postReport;
import static io.vigil.e2e.VigilApi.recommendation;
import static io.vigil.e2e.VigilApi.recommendationState;
import static io.vigil.e2e.VigilApi.registerMachine;
import static io.vigil.e2e.VigilApi.resource;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real scanner samples, sent to the collector, become recommendations with their evidence, and resolve. */
class RecommendationsEndToEndTest {

    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);

    private static VigilStack stack;

    @BeforeAll
    static void startStack() throws IOException, SQLException {
        stack = VigilStack.running();
    }

    @Test
    void aTrivyScanRaisesRemediateVulnerabilitiesUntilALaterScanFindsNothing() throws IOException {
        String sub = newSubscription();
        String agentKey = machineOf(sub, "buster");

        scan(sub, agentKey, "buster", "trivy", "fixtures/vulnerability/trivy/debian-buster.json");
        await().atMost(DELIVERY_BOUND)
                .until(() -> recommendationState(sub, "RemediateVulnerabilities"), "Active"::equals);
        JsonPath found = one(sub, "RemediateVulnerabilities");
        assertEquals("High", found.getString("severity"));
        assertEquals(2, found.getInt("details.count"));
        assertEquals("CVE-2019-18224", found.getString("details.findings[0].cve"));
        assertEquals("libidn2-0", found.getString("details.findings[0].package"));
        assertEquals("2.0.5-1+deb10u1", found.getString("details.findings[0].fixedVersion"));

        scan(sub, agentKey, "buster", "trivy", "reports/trivy-nothing-found.json");
        await().atMost(DELIVERY_BOUND)
                .until(() -> recommendationState(sub, "RemediateVulnerabilities"), "Resolved"::equals);
    }

    @Test
    void aGrypeScanRaisesRemediateVulnerabilitiesWithEveryMatchUntilALaterScanFindsNothing() throws IOException {
        String sub = newSubscription();
        String agentKey = machineOf(sub, "npm-app");

        scan(sub, agentKey, "npm-app", "grype", "fixtures/vulnerability/grype/many_vulns4.json");

        await().atMost(DELIVERY_BOUND)
                .until(() -> recommendationState(sub, "RemediateVulnerabilities"), "Active"::equals);
        JsonPath found = one(sub, "RemediateVulnerabilities");
        assertEquals(9, found.getInt("details.count"));
        assertEquals("High", found.getString("severity"));

        scan(sub, agentKey, "npm-app", "grype", "reports/grype-nothing-found.json");
        await().atMost(DELIVERY_BOUND)
                .until(() -> recommendationState(sub, "RemediateVulnerabilities"), "Resolved"::equals);
    }

    /** The XCCDF sample ran in 2021: arriving after a report collected since, it must not replace what that showed. */
    @Test
    void anXccdfResultOlderThanTheLastBaselineReportChangesNothing() throws Exception {
        String sub = newSubscription();
        String agentKey = machineOf(sub, "host02");
        postReport(sub, agentKey, "scanned", "host02", "reports/baseline-passing.json");
        await().atMost(DELIVERY_BOUND)
                .until(
                        () -> machineHealth(sub).getString("value[0].controls.securityConfigurations"),
                        "Healthy"::equals);

        scan(sub, agentKey, "host02", "xccdf", "fixtures/baseline/xccdf/xccdf_rule_and_cpe_check.xml");
        await().atMost(DELIVERY_BOUND).until(() -> undelivered(sub) == 0);

        assertNull(recommendationState(sub, "RemediateOsVulnerabilities"));
        assertEquals("Healthy", machineHealth(sub).getString("value[0].controls.securityConfigurations"));
    }

    @Test
    void anXccdfResultRaisesRemediateOsVulnerabilitiesUntilTheRulePasses() throws IOException {
        String sub = newSubscription();
        String agentKey = machineOf(sub, "host02");

        scan(sub, agentKey, "host02", "xccdf", "fixtures/baseline/xccdf/xccdf_rule_and_cpe_check.xml");
        await().atMost(DELIVERY_BOUND)
                .until(() -> recommendationState(sub, "RemediateOsVulnerabilities"), "Active"::equals);
        JsonPath found = one(sub, "RemediateOsVulnerabilities");
        assertEquals("xccdf_moc.elpmaxe.www_rule_applicable_fail", found.getString("details.failedRules[0].ruleId"));
        assertEquals(1, found.getList("details.failedRules").size());
        assertNull(found.getString("details.failedRules[0].expected"), "the sample checks against no Value");
        assertNull(found.getString("details.failedRules[0].actual"), "the sample has no message");

        postReport(sub, agentKey, "scanned", "host02", "reports/baseline-passing.json");
        await().atMost(DELIVERY_BOUND)
                .until(() -> recommendationState(sub, "RemediateOsVulnerabilities"), "Resolved"::equals);
    }

    @Test
    void showsWhatEachFailedXccdfRuleExpectedAndFound() throws IOException {
        String sub = newSubscription();
        String agentKey = machineOf(sub, "web01");

        scan(sub, agentKey, "web01", "xccdf", "scans/xccdf-values-and-imports.xml");

        await().atMost(DELIVERY_BOUND)
                .until(() -> recommendationState(sub, "RemediateOsVulnerabilities"), "Active"::equals);
        JsonPath found = one(sub, "RemediateOsVulnerabilities");
        List<Map<String, Object>> rules = found.getList("details.failedRules");
        Map<String, String> expectedAndActual = new TreeMap<>();
        rules.forEach(rule -> expectedAndActual.put(
                String.valueOf(rule.get("ruleId")), rule.get("expected") + " | " + rule.get("actual")));
        assertEquals(
                Map.of(
                        "xccdf_io.vigil_rule_accounts_tmout",
                        "Account Inactivity Timeout (seconds): at most 900"
                                + " | TMOUT is not set in /etc/profile or /etc/profile.d",
                        "xccdf_io.vigil_rule_password_minlen",
                        "Minimum Password Length: at least 14 | null",
                        "xccdf_io.vigil_rule_account_policy",
                        "Account Inactivity Timeout (seconds): at most 900; Minimum Password Length: at least 14"
                                + " | null",
                        "xccdf_io.vigil_rule_sshd_disable_root_login",
                        "null | Root can log in over SSH; stdout: PermitRootLogin yes",
                        "xccdf_io.vigil_rule_sshd_ciphers",
                        "null | null"),
                expectedAndActual);
        assertEquals("High", found.getString("severity"), "the failed root login rule is High");
    }

    private static String machineOf(String sub, String name) {
        configureSubscription(sub, "On", "Free");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, "scanned", name, "Linux");
        return agentKey;
    }

    private static void scan(String sub, String agentKey, String machine, String format, String file)
            throws IOException {
        given().header(INGESTION_KEY, agentKey)
                .contentType(format.equals("xccdf") ? ContentType.XML : ContentType.JSON)
                .queryParam("format", format)
                .body(resource(file))
                .when()
                .post(
                        collector("/api/v1/subscriptions/{sub}/resourceGroups/scanned/machines/{name}/scans"),
                        sub,
                        machine)
                .then()
                .statusCode(202)
                .body("format", equalTo(format));
    }

    /** Messages about the subscription the collector still holds for the other services. */
    private static long undelivered(String sub) throws SQLException {
        return stack.count("select count(*) from collector.outbox where payload::text like ?", "%" + sub + "%");
    }

    private static JsonPath one(String sub, String type) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.reader(sub)))
                .queryParam("type", type)
                .when()
                .get(recommendation("/api/v1/subscriptions/{sub}/recommendations"), sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("value[0]");
    }
}
