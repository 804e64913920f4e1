package io.vigil.collector.scan;

import static io.vigil.collector.scan.ScanFiles.bySeverity;
import static io.vigil.collector.scan.ScanFiles.describeFindings;
import static io.vigil.collector.scan.ScanFiles.describeRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.common.state.StateReport;
import io.vigil.common.state.StateReport.Finding;
import io.vigil.common.state.StateReport.RuleOutcome;
import io.vigil.common.state.StateReport.RuleResult;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrivyReaderTest {

    private static final Instant TRIVY_GOLDEN_CREATED_AT = Instant.parse("2021-08-25T12:20:30.000000005Z");
    private static final String LANG_CONFIG_SECRET = "scans/trivy-lang-config-secret.json";
    private static final String REPLACEABLE_ID = "CVE-2026-0001";
    private static final String REPLACEABLE_TITLE = "semver vulnerable to Regular Expression Denial of Service";

    @Test
    void importsTheAmazonLinuxVmReport() throws Exception {
        ScanImport scan = read("fixtures/vulnerability/trivy/amazonlinux2-gp2-x86-vm.json");

        assertEquals(
                List.of("bind-export-libs 32:9.11.4-26.P2.amzn2.5.2 -> 99:9.11.4-26.P2.amzn2.13 CVE-2022-38177 Medium"),
                describeFindings(scan));
        assertEquals(
                "bind: memory leak in ECDSA DNSSEC verification code",
                findings(scan).get(0).title());
        assertEquals(bySeverity(0, 1, 0), scan.summary().findingsBySeverity());
        assertEquals(Map.of("MEDIUM", 1), scan.summary().findingsByScannerSeverity());
        assertEquals(TRIVY_GOLDEN_CREATED_AT, scan.collectedAt());
        assertTrue(scan.vulnerabilityAssessment().installed());
        assertEquals("trivy", scan.vulnerabilityAssessment().product());
        assertNull(scan.baseline(), "a vulnerability scan leaves the machine's baseline as it was");
        assertEquals(List.of(), scan.summary().skipped());
        assertEquals(
                new ScanSummary.Target("disk.img", "vm", "amazon 2 (Karoo)", null),
                scan.summary().target());
        assertEquals(Map.of("fixed", 1), scan.summary().findingsByScannerStatus());
        assertEquals(Map.of("amazon", 1), scan.summary().findingsByPackageType());
        assertEquals(List.of(), scan.summary().shortened());
    }

    @Test
    void importsTheDebianBusterImageReport() throws Exception {
        ScanImport scan = read("fixtures/vulnerability/trivy/debian-buster.json");

        assertEquals(
                List.of(
                        "bash 5.0-4 -> null CVE-2019-18276 Low",
                        "libidn2-0 2.0.5-1 -> 2.0.5-1+deb10u1 CVE-2019-18224 High"),
                describeFindings(scan));
        assertEquals(2, scan.summary().findings());
        assertEquals(bySeverity(1, 0, 1), scan.summary().findingsBySeverity());
        assertEquals(Map.of("CRITICAL", 1, "LOW", 1), scan.summary().findingsByScannerSeverity());
        assertEquals(1, withFixedVersion(scan));
        assertEquals(TRIVY_GOLDEN_CREATED_AT, scan.collectedAt());
        assertEquals(
                new ScanSummary.Target(
                        "testdata/fixtures/images/debian-buster.tar.gz", "container_image", "debian 10.1", null),
                scan.summary().target());
        assertEquals(Map.of("affected", 1, "fixed", 1), scan.summary().findingsByScannerStatus());
        assertEquals(Map.of("debian", 2), scan.summary().findingsByPackageType());
    }

    @Test
    void importsTheDebianStretchImageReport() throws Exception {
        ScanImport scan = read("fixtures/vulnerability/trivy/debian-stretch.json");

        assertEquals(
                List.of(
                        "bash 4.4-5 -> null CVE-2019-18276 Low",
                        "e2fslibs 1.43.4-2 -> 1.43.4-2+deb9u1 CVE-2019-5094 Medium",
                        "e2fsprogs 1.43.4-2 -> 1.43.4-2+deb9u1 CVE-2019-5094 Medium",
                        "libcomerr2 1.43.4-2 -> 1.43.4-2+deb9u1 CVE-2019-5094 Medium",
                        "libss2 1.43.4-2 -> 1.43.4-2+deb9u1 CVE-2019-5094 Medium"),
                describeFindings(scan));
        assertEquals(bySeverity(0, 4, 1), scan.summary().findingsBySeverity());
        assertEquals(Map.of("MEDIUM", 4, "LOW", 1), scan.summary().findingsByScannerSeverity());
        assertEquals(4, withFixedVersion(scan));
        assertEquals(
                2, findings(scan).stream().map(Finding::cve).distinct().count(), "2 distinct CVEs over 5 packages");
        assertEquals(Map.of("end_of_life", 1, "fixed", 4), scan.summary().findingsByScannerStatus());
        assertEquals(Map.of("debian", 5), scan.summary().findingsByPackageType());
    }

    /**
     * A finding's status is not kept in the machine's state, only counted in the answer: a fixed one has its fixed
     * version, and one that will never be fixed because its release is past its end of life has none, like one that
     * is merely not fixed yet. That the release is past its end of life is said in the answer's target.
     */
    @Test
    void saysThatTheStretchReleaseGetsNoMoreFixes() throws Exception {
        ScanImport scan = read("fixtures/vulnerability/trivy/debian-stretch.json");

        assertEquals(
                new ScanSummary.Target(
                        "testdata/fixtures/images/debian-stretch.tar.gz", "container_image", "debian 9.9", true),
                scan.summary().target());
        Finding bash = findings(scan).get(0);
        assertEquals("bash CVE-2019-18276 null", bash.packageName() + " " + bash.cve() + " " + bash.fixedVersion());
        assertTrue(findings(scan).subList(1, 5).stream().allMatch(f -> "1.43.4-2+deb9u1".equals(f.fixedVersion())));
    }

    @Test
    void countsFindingsByTheTypeOfTheirResultWhateverTheFieldOrder() throws Exception {
        ScanImport scan = read("scans/trivy-type-after-vulnerabilities.json");

        assertEquals(Map.of("npm", 2, "yarn", 1), scan.summary().findingsByPackageType());
        assertEquals(
                Map.of("affected", 1, "fixed", 1, "(none)", 1), scan.summary().findingsByScannerStatus());
        assertEquals(
                new ScanSummary.Target("/srv/web", "filesystem", null, null),
                scan.summary().target());
    }

    @Test
    void importsLanguagePackagesAndMisconfigurationsAndSkipsSecretsAndLicences() throws Exception {
        ScanImport scan = read(LANG_CONFIG_SECRET);

        assertEquals(
                List.of("semver 7.5.1 -> 7.5.2 GHSA-c2qf-rxjj-qqgw High", "left-pad 1.0.0 -> null CVE-2026-0001 Low"),
                describeFindings(scan));
        assertEquals(Map.of("HIGH", 1, "UNKNOWN", 1), scan.summary().findingsByScannerSeverity());
        assertEquals(
                List.of("DS002 Fail High", "AVD-DS-0001 Pass Medium", "DS026 NotApplicable Low"), describeRules(scan));
        RuleOutcome rootUser = scan.baseline().results().get(0);
        assertEquals("Image user should not be 'root'", rootUser.title());
        assertEquals("Specify at least 1 USER command in Dockerfile with non-root user as argument", rootUser.actual());
        assertEquals("Add 'USER <non root user name>' line to the Dockerfile", rootUser.expected());
        assertEquals(
                Map.of(RuleResult.Pass, 1, RuleResult.Fail, 1, RuleResult.NotApplicable, 1),
                scan.summary().ruleResultsByOutcome());
        assertEquals(
                Map.of("FAIL", 1, "PASS", 1, "EXCEPTION", 1), scan.summary().ruleResultsByScannerResult());
        assertEquals(0, scan.summary().undeterminedRuleResults());
        assertEquals(
                List.of(
                        new ScanSummary.Skipped("secret", "secrets are not imported", 1),
                        new ScanSummary.Skipped("licence", "licences are not imported", 2)),
                scan.summary().skipped());
        assertEquals(Instant.parse("2026-11-30T08:15:00.123456789Z"), scan.collectedAt());
    }

    @Test
    void fillsTheStateReportSectionsItRead() throws Exception {
        ScanImport scan = read(LANG_CONFIG_SECRET);

        StateReport report = scan.toStateReport();

        assertEquals(scan.collectedAt(), report.collectedAt());
        assertEquals(scan.vulnerabilityAssessment(), report.vulnerabilityAssessment());
        assertEquals(scan.baseline(), report.baseline());
        assertNull(report.updates());
        assertNull(report.endpointProtection());
        assertNull(report.diskEncryption());
    }

    @Test
    void aMisconfigurationScanLeavesTheMachinesFindingsAlone() throws Exception {
        ScanImport scan = read("scans/trivy-config-only.json");

        assertNull(scan.vulnerabilityAssessment());
        assertEquals(List.of("KSV001 Fail Medium"), describeRules(scan));
        assertNull(scan.collectedAt(), "the report has no CreatedAt");
    }

    @Test
    void aReportWithoutResultsFoundNothing() throws Exception {
        ScanImport scan = read("scans/trivy-no-results.json");

        assertTrue(scan.vulnerabilityAssessment().installed());
        assertEquals(List.of(), scan.vulnerabilityAssessment().findings());
        assertEquals(bySeverity(0, 0, 0), scan.summary().findingsBySeverity());
        assertNull(scan.baseline());
    }

    @Test
    void refusesAGrypeReport() {
        assertRefused("fixtures/vulnerability/grype/many_vulns4.json", "SchemaVersion is missing");
    }

    @Test
    void refusesAnOlderSchemaVersion() {
        assertRefused("scans/trivy-schema-version-1.json", "SchemaVersion 1 is not supported");
    }

    @Test
    void refusesMalformedJsonSayingWhere() {
        assertRefused("scans/malformed.json", "The file is not valid JSON");
        assertRefused("scans/malformed.json", "line 5");
    }

    @Test
    void refusesAnXmlFile() {
        assertRefused("fixtures/baseline/xccdf/xccdf_rule_and_cpe_check.xml", "The file is not valid JSON");
    }

    @Test
    void refusesAnEmptyFileAndAnArray() {
        assertUnreadable("", "The file is empty");
        assertUnreadable("[]", "A Trivy JSON report is one object; this file holds an array");
        assertUnreadable("{\"SchemaVersion\": 2} {}", "The file goes on after the end of the report");
    }

    @Test
    void letsAFailingUploadFailAsInputOutput() {
        assertThrows(IOException.class, () -> TrivyReader.read(ScanFiles.failingUpload()));
    }

    @Test
    void namesTheFieldOfTheWrongType() {
        assertRefused(
                "scans/trivy-vulnerabilities-not-a-list.json",
                "Results[0].Vulnerabilities must be an array, not a string");
        assertUnreadable("{\"SchemaVersion\": \"2\"}", "SchemaVersion must be a whole number, not a string");
    }

    @Test
    void refusesAVulnerabilityWithoutItsId() {
        assertRefused(
                "scans/trivy-vulnerability-without-id.json",
                "Results[0].Vulnerabilities[1].VulnerabilityID is missing");
    }

    /** PostgreSQL can store no NUL in text; the report is refused, naming where the character is. */
    @Test
    void refusesTextWithANulCharacter() {
        assertRefused(
                "scans/trivy-nul-in-package-name.json",
                "Results[0].Vulnerabilities[0].PkgName contains a NUL character");
    }

    @Test
    void refusesTextHoldingANulCharacterNamingWhere() {
        assertRefused("scans/trivy-nul-in-title.json", "Results[0].Vulnerabilities[0].Title contains a NUL character");
    }

    @Test
    void refusesAMisconfigurationStatusItDoesNotKnow() {
        assertRefused("scans/trivy-unknown-status.json", "Results[0].Misconfigurations[0].Status is \"WARN\"");
    }

    @Test
    void refusesACreationTimeThatIsNoTime() {
        assertRefused("scans/trivy-bad-created-at.json", "CreatedAt is \"yesterday\"");
    }

    @Test
    void skipsAFindingWhoseIdIsTooLongAndShortensALongTitle() throws Exception {
        String report = ScanFiles.text(LANG_CONFIG_SECRET)
                .replace(REPLACEABLE_ID, "CVE-" + "9".repeat(ReportLimits.CVE))
                .replace(REPLACEABLE_TITLE, "t".repeat(3 * ReportLimits.FINDING_TITLE));

        ScanImport scan = TrivyReader.read(ScanFiles.bytes(report));

        assertEquals(1, scan.summary().findings());
        String title = findings(scan).get(0).title();
        assertEquals(ReportLimits.FINDING_TITLE, title.length());
        assertTrue(title.endsWith("…"));
        assertTrue(scan.summary()
                .skipped()
                .contains(new ScanSummary.Skipped(
                        "finding", "its vulnerability id is longer than " + ReportLimits.CVE + " characters", 1)));
        assertEquals(
                List.of(new ScanSummary.Shortened("finding title", ReportLimits.FINDING_TITLE, 1)),
                scan.summary().shortened());
    }

    @Test
    void takesAReportAtTheFindingLimit() throws Exception {
        ScanImport scan = TrivyReader.read(ScanFiles.bytes(reportWithFindings(ReportLimits.FINDINGS)));

        assertEquals(
                ReportLimits.FINDINGS, scan.vulnerabilityAssessment().findings().size());
    }

    @Test
    void refusesAReportOverTheFindingLimitRatherThanCutIt() {
        String report = reportWithFindings(ReportLimits.FINDINGS + 1);

        ScanTooLargeException refused =
                assertThrows(ScanTooLargeException.class, () -> TrivyReader.read(ScanFiles.bytes(report)));

        assertTrue(refused.getMessage().contains("more than 100000 findings"), refused.getMessage());
    }

    private static String reportWithFindings(int count) {
        StringBuilder report =
                new StringBuilder("{\"SchemaVersion\":2,\"Results\":[{\"Class\":\"os-pkgs\",\"Vulnerabilities\":[");
        for (int i = 0; i < count; i++) {
            report.append(i == 0 ? "" : ",")
                    .append("{\"VulnerabilityID\":\"CVE-2026-")
                    .append(i)
                    .append("\",\"PkgName\":\"pkg\",\"Severity\":\"LOW\"}");
        }
        return report.append("]}]}").toString();
    }

    private static ScanImport read(String resource) throws Exception {
        return TrivyReader.read(ScanFiles.open(resource));
    }

    private static List<Finding> findings(ScanImport scan) {
        return scan.vulnerabilityAssessment().findings();
    }

    private static long withFixedVersion(ScanImport scan) {
        return findings(scan).stream().filter(f -> f.fixedVersion() != null).count();
    }

    private static void assertRefused(String resource, String expectedPart) {
        ScanFiles.assertUnreadable(TrivyReader::read, ScanFiles.open(resource), expectedPart);
    }

    private static void assertUnreadable(String report, String expectedPart) {
        ScanFiles.assertUnreadable(TrivyReader::read, ScanFiles.bytes(report), expectedPart);
    }
}
