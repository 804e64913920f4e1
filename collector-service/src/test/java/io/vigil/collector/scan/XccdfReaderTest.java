package io.vigil.collector.scan;

import static io.vigil.collector.scan.ScanFiles.describeRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.common.state.StateReport.RuleOutcome;
import io.vigil.common.state.StateReport.RuleResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XccdfReaderTest {

    private static final String OPENSCAP_RESULT = "fixtures/baseline/xccdf/xccdf_rule_and_cpe_check.xml";
    private static final String UNDECIDED = "scans/xccdf-testresult-undecided.xml";
    private static final String VALUES_AND_IMPORTS = "scans/xccdf-values-and-imports.xml";
    private static final String REPLACEABLE_RULE = "xccdf_io.vigil_rule_selinux_state";
    private static final String RULE_RESULT =
            "<rule-result idref=\"xccdf_io.vigil_rule_%d\"><result>pass</result></rule-result>";

    @Test
    void importsEachRuleResultOfTheOpenScapBenchmark() throws Exception {
        ScanImport scan = read(OPENSCAP_RESULT);

        assertEquals(
                List.of(
                        "xccdf_moc.elpmaxe.www_rule_applicable_pass Pass null",
                        "xccdf_moc.elpmaxe.www_rule_applicable_fail Fail null",
                        "xccdf_moc.elpmaxe.www_rule_notapplicable NotApplicable null"),
                describeRules(scan));
        assertEquals(3, scan.summary().ruleResults());
        assertEquals(
                Map.of("pass", 1, "fail", 1, "notapplicable", 1), scan.summary().ruleResultsByScannerResult());
        assertEquals(
                Map.of(RuleResult.Pass, 1, RuleResult.Fail, 1, RuleResult.NotApplicable, 1),
                scan.summary().ruleResultsByOutcome());
        assertEquals(0, scan.summary().undeterminedRuleResults());
        assertEquals(List.of(), scan.summary().skipped());
    }

    /** The sample checks nothing against a Value and has no messages: its rule results expect and found nothing. */
    @Test
    void leavesExpectedAndActualEmptyWhereTheOpenScapSampleHasNeither() throws Exception {
        for (RuleOutcome rule : read(OPENSCAP_RESULT).baseline().results()) {
            assertNull(rule.expected(), rule.ruleId());
            assertNull(rule.actual(), rule.ruleId());
        }
    }

    /**
     * Expected is the Value each check is given, as the run's profile refines it or the run sets it; actual is the
     * result's message and what the checking engine handed back.
     */
    @Test
    void readsWhatEachCheckExpectedAndWhatItFound() throws Exception {
        ScanImport scan = read(VALUES_AND_IMPORTS);

        assertEquals(
                List.of(
                        "xccdf_io.vigil_rule_accounts_tmout | Account Inactivity Timeout (seconds): at most 900"
                                + " | TMOUT is not set in /etc/profile or /etc/profile.d",
                        "xccdf_io.vigil_rule_password_minlen | Minimum Password Length: at least 14 | null",
                        "xccdf_io.vigil_rule_account_policy | Account Inactivity Timeout (seconds): at most 900;"
                                + " Minimum Password Length: at least 14 | null",
                        "xccdf_io.vigil_rule_sshd_banner | SSH Login Banner: Authorized use only. Activity is"
                                + " monitored. | null",
                        "xccdf_io.vigil_rule_sshd_disable_root_login | null | Root can log in over SSH;"
                                + " stdout: PermitRootLogin yes",
                        "xccdf_io.vigil_rule_sshd_ciphers | null | null"),
                scan.baseline().results().stream()
                        .map(r -> r.ruleId() + " | " + r.expected() + " | " + r.actual())
                        .toList());
        assertEquals(
                List.of(
                        new ScanSummary.Score("urn:xccdf:scoring:default", 16.666666, 100.0),
                        new ScanSummary.Score("urn:xccdf:scoring:flat", 1.0, 6.0)),
                scan.summary().scores());
        assertEquals("root", scan.summary().identity());
    }

    @Test
    void takesTheValueAProfileSetsAndTheDefaultWithoutAProfile() throws Exception {
        String withoutRun = ScanFiles.text(VALUES_AND_IMPORTS)
                .replace(
                        "<set-value idref=\"xccdf_io.vigil_value_sshd_banner\">Authorized use only. Activity is"
                                + " monitored.</set-value>",
                        "");
        String withoutProfile = withoutRun.replace("<profile idref=\"xccdf_io.vigil_profile_servers\"/>", "");

        assertEquals(
                List.of("Account Inactivity Timeout (seconds): at most 900", "SSH Login Banner: Authorized uses only."),
                expectedOf(XccdfReader.read(ScanFiles.bytes(withoutRun)), 0, 3));
        assertEquals(
                List.of(
                        "Account Inactivity Timeout (seconds): at most 600",
                        "SSH Login Banner: Authorized users only."),
                expectedOf(XccdfReader.read(ScanFiles.bytes(withoutProfile)), 0, 3));
    }

    /** The score, target and identity are the report's own facts: given back in the answer, not kept. */
    @Test
    void namesTheScoreTargetIdentityAndScannerVersionOfTheTestResult() throws Exception {
        ScanSummary summary = read(OPENSCAP_RESULT).summary();

        assertEquals(List.of(new ScanSummary.Score("urn:xccdf:scoring:default", 50.0, 100.0)), summary.scores());
        assertEquals(new ScanSummary.Target("host02", null, null, null), summary.target());
        assertEquals("carol", summary.identity());
        assertEquals("OpenSCAP", summary.product());
        assertEquals("1.3.5", summary.productVersion());
        assertEquals(Map.of(), summary.findingsByScannerStatus());
    }

    @Test
    void takesTheTimeAndScannerOfTheTestResult() throws Exception {
        ScanImport scan = read(OPENSCAP_RESULT);

        assertEquals(Instant.parse("2021-12-09T10:03:19Z"), scan.collectedAt(), "end-time 2021-12-09T11:03:19+01:00");
        assertEquals("OpenSCAP", scan.summary().product());
        assertNull(scan.vulnerabilityAssessment(), "a baseline scan leaves the machine's findings as they were");
        assertEquals(0, scan.summary().findings());
    }

    @Test
    void neverCallsAnUndecidedRuleAPassOrAFail() throws Exception {
        ScanImport scan = read(UNDECIDED);

        assertEquals(
                List.of(
                        "xccdf_io.vigil_rule_sshd_disable_root_login Fail High",
                        "xccdf_io.vigil_rule_auditd_enabled NotApplicable Medium",
                        "xccdf_io.vigil_rule_partition_for_tmp NotApplicable Low",
                        "xccdf_io.vigil_rule_package_telnet_removed Pass Low",
                        "xccdf_io.vigil_rule_grub2_password NotApplicable null",
                        "xccdf_io.vigil_rule_accounts_tmout NotApplicable null",
                        "xccdf_io.vigil_rule_banner_etc_issue NotApplicable Medium",
                        "xccdf_io.vigil_rule_selinux_state Pass High"),
                describeRules(scan));
        List<RuleOutcome> rules = scan.baseline().results();
        assertEquals(
                "PermitRootLogin is yes in /etc/ssh/sshd_config", rules.get(0).actual());
        assertEquals(
                "error: The OVAL definition could not be evaluated: systemctl not found",
                rules.get(1).actual());
        assertEquals("unknown", rules.get(2).actual());
        assertNull(rules.get(3).actual());
        assertEquals(2, scan.summary().undeterminedRuleResults());
        assertEquals(
                Map.of(
                        "fail", 1,
                        "error", 1,
                        "unknown", 1,
                        "fixed", 1,
                        "notchecked", 1,
                        "notselected", 1,
                        "informational", 1,
                        "pass", 1),
                scan.summary().ruleResultsByScannerResult());
        assertEquals(
                Map.of(RuleResult.Pass, 2, RuleResult.Fail, 1, RuleResult.NotApplicable, 5),
                scan.summary().ruleResultsByOutcome());
    }

    @Test
    void readsAnEndTimeWithoutZoneAsUtc() throws Exception {
        ScanImport scan = read(UNDECIDED);

        assertEquals(Instant.parse("2026-11-30T02:04:30Z"), scan.collectedAt());
        assertNull(scan.summary().product(), "the TestResult names no scanner");
    }

    @Test
    void importsOnlyTheLatestOfTwoRunsWithTheRulesTitle() throws Exception {
        ScanImport scan = read("scans/xccdf-two-runs.xml");

        assertEquals(List.of("xccdf_io.vigil_rule_sshd_disable_root_login Pass High"), describeRules(scan));
        assertEquals("Disable SSH root login", scan.baseline().results().get(0).title());
        assertEquals(Instant.parse("2026-11-30T03:00:00Z"), scan.collectedAt());
        assertEquals(
                List.of(new ScanSummary.Skipped(
                        "TestResult", "an earlier run in the same file; only the latest is imported", 1)),
                scan.summary().skipped());
    }

    @Test
    void readsTheTestResultInsideAnArfReport() throws Exception {
        ScanImport scan = read("scans/xccdf-arf.xml");

        assertEquals(
                List.of(
                        "xccdf_io.vigil_rule_sshd_disable_root_login Fail High",
                        "xccdf_io.vigil_rule_partition_for_tmp NotApplicable Low",
                        "xccdf_io.vigil_rule_sshd_idle_timeout NotApplicable Medium"),
                describeRules(scan));
        assertEquals(
                List.of(
                        "Disable SSH root login",
                        "Ensure /tmp is on a separate partition",
                        "Set the SSH idle timeout to seconds"),
                scan.baseline().results().stream().map(RuleOutcome::title).toList());
        assertEquals(
                "The check system is not supported",
                scan.baseline().results().get(2).actual());
        assertEquals(Instant.parse("2026-11-30T08:01:00Z"), scan.collectedAt());
        assertEquals("cpe:/a:redhat:openscap:1.3.10", scan.summary().product());
    }

    @Test
    void refusesAnExternalEntity() {
        assertRefused("scans/xccdf-external-entity.xml", "The file declares a DTD");
    }

    @Test
    void refusesAnEntityExpansionBomb() {
        assertRefused("scans/xccdf-entity-expansion.xml", "The file declares a DTD");
    }

    @Test
    void refusesAnEntityThatWasNeverDeclared() {
        assertRefused("scans/xccdf-undeclared-entity.xml", "The entity \"host\" was referenced, but not declared");
    }

    @Test
    void refusesXccdfOneOne() {
        assertRefused("scans/xccdf-1.1-benchmark.xml", "only XCCDF 1.2");
    }

    @Test
    void refusesABenchmarkWithoutResults() {
        assertRefused("scans/xccdf-benchmark-without-results.xml", "The file holds no XCCDF 1.2 TestResult");
    }

    @Test
    void refusesARuleResultWithoutItsResult() {
        assertRefused("scans/xccdf-rule-result-without-result.xml", "(xccdf_io.vigil_rule_any) has no result");
    }

    @Test
    void refusesJsonAndOtherXml() {
        assertRefused("fixtures/vulnerability/trivy/debian-buster.json", "The file is not readable XML at line 1");
        assertUnreadable(ScanFiles.bytes("<html/>"), "The root element is html without a namespace");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = {'<', 'r', '>', (byte) 0xff, '<', '/', 'r', '>'};

        assertUnreadable(new ByteArrayInputStream(latin1), "The file is not readable XML");
    }

    @Test
    void letsAFailingUploadFailAsInputOutput() {
        assertThrows(IOException.class, () -> XccdfReader.read(ScanFiles.failingUpload()));
    }

    @Test
    void skipsARuleResultWhoseIdIsTooLong() throws Exception {
        String report = ScanFiles.text(UNDECIDED).replace(REPLACEABLE_RULE, "x".repeat(ReportLimits.RULE_ID + 1));

        ScanImport scan = XccdfReader.read(ScanFiles.bytes(report));

        assertEquals(7, scan.summary().ruleResults());
        assertEquals(
                List.of(new ScanSummary.Skipped(
                        "rule result", "its rule id is longer than " + ReportLimits.RULE_ID + " characters", 1)),
                scan.summary().skipped());
    }

    @Test
    void refusesATestResultOverTheRuleResultLimitRatherThanCutIt() {
        StringBuilder report =
                new StringBuilder("<TestResult xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"generated\">");
        for (int i = 0; i <= ReportLimits.RULE_RESULTS; i++) {
            report.append(RULE_RESULT.formatted(i));
        }
        report.append("</TestResult>");

        ScanTooLargeException refused =
                assertThrows(ScanTooLargeException.class, () -> XccdfReader.read(ScanFiles.bytes(report)));

        assertTrue(refused.getMessage().contains("more than 50000 rule results"), refused.getMessage());
    }

    private static ScanImport read(String resource) throws Exception {
        return XccdfReader.read(ScanFiles.open(resource));
    }

    private static void assertRefused(String resource, String expectedPart) {
        assertUnreadable(ScanFiles.open(resource), expectedPart);
    }

    private static void assertUnreadable(InputStream input, String expectedPart) {
        ScanFiles.assertUnreadable(XccdfReader::read, input, expectedPart);
    }

    private static List<String> expectedOf(ScanImport scan, int... indexes) {
        return Arrays.stream(indexes)
                .mapToObj(i -> scan.baseline().results().get(i).expected())
                .toList();
    }
}
