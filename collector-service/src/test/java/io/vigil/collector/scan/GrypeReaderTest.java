package io.vigil.collector.scan;

import static io.vigil.collector.scan.ScanFiles.bySeverity;
import static io.vigil.collector.scan.ScanFiles.describeFindings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.common.state.StateReport.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GrypeReaderTest {

    private static final String MANY_VULNS = "fixtures/vulnerability/grype/many_vulns4.json";
    private static final String FIXED_AND_IGNORED = "scans/grype-fixed-and-ignored.json";
    private static final String REPLACEABLE_DESCRIPTION = "There is a type confusion vulnerability relating to X.400"
            + " address processing inside an X.509 GeneralName.";

    @Test
    void importsEveryMatchOfTheDirectoryScan() throws Exception {
        ScanImport scan = read(MANY_VULNS);

        assertEquals(
                List.of(
                        "delegate 3.2.0 -> null CVE-1999-1338 Medium",
                        "slash 4.0.0 -> null CVE-2002-1647 Medium",
                        "delegate 3.2.0 -> null CVE-2005-0036 Medium",
                        "delegate 3.2.0 -> null CVE-2005-0861 High",
                        "pdfkit 0.12.0 -> null CVE-2007-2405 Medium",
                        "clipboard 2.0.8 -> null CVE-2014-5509 Medium",
                        "through 2.3.8 -> null CVE-2021-29940 High",
                        "redis 3.5.3 -> null CVE-2021-32626 High",
                        "static-eval 2.1.0 -> null GHSA-8v27-2fg9-7h62 High"),
                describeFindings(scan));
        assertEquals(9, scan.summary().findings());
        assertTrue(scan.vulnerabilityAssessment().installed());
        assertEquals("grype", scan.vulnerabilityAssessment().product());
        assertNull(scan.baseline());
        assertNull(scan.collectedAt(), "Grype 0.24.0 wrote no descriptor.timestamp");
        assertEquals(List.of(), scan.summary().skipped());
    }

    @Test
    void countsTheArtifactTypesAndFixStatesOfTheMatches() throws Exception {
        ScanImport scan = read(MANY_VULNS);

        assertEquals(Map.of("npm", 8, "python", 1), scan.summary().findingsByPackageType());
        assertEquals(Map.of("unknown", 8, "not-fixed", 1), scan.summary().findingsByScannerStatus());
        assertEquals(
                Map.of(
                        "delegate@3.2.0", 3L,
                        "clipboard@2.0.8", 1L,
                        "pdfkit@0.12.0", 1L,
                        "redis@3.5.3", 1L,
                        "slash@4.0.0", 1L,
                        "static-eval@2.1.0", 1L,
                        "through@2.3.8", 1L),
                scan.vulnerabilityAssessment().findings().stream()
                        .collect(Collectors.groupingBy(
                                f -> f.packageName() + "@" + f.installedVersion(), Collectors.counting())));
        Map<String, Long> idKinds = scan.vulnerabilityAssessment().findings().stream()
                .map(Finding::cve)
                .distinct()
                .collect(Collectors.groupingBy(id -> id.substring(0, id.indexOf('-')), Collectors.counting()));
        assertEquals(Map.of("CVE", 8L, "GHSA", 1L), idKinds);
    }

    /** Grype 0.24.0 scanned a directory, named {@code "."} with its quotes, and found no distribution. */
    @Test
    void namesTheScannerVersionAndTheDirectoryScanned() throws Exception {
        ScanSummary summary = read(MANY_VULNS).summary();

        assertEquals("grype", summary.product());
        assertEquals("0.24.0", summary.productVersion());
        assertEquals(new ScanSummary.Target("\".\"", "directory", null, null), summary.target());
        assertNull(summary.identity());
        assertEquals(List.of(), summary.scores());
    }

    @Test
    void countsSeveritiesBeforeAndAfterMapping() throws Exception {
        ScanImport scan = read(MANY_VULNS);

        assertEquals(
                Map.of("Medium", 5, "High", 2, "Critical", 2), scan.summary().findingsByScannerSeverity());
        assertEquals(bySeverity(4, 5, 0), scan.summary().findingsBySeverity());
    }

    @Test
    void keepsIdsPackagesAndTheAbsenceOfFixes() throws Exception {
        List<Finding> findings = read(MANY_VULNS).vulnerabilityAssessment().findings();

        assertEquals(9, findings.stream().map(Finding::cve).distinct().count());
        assertEquals(
                8, findings.stream().filter(f -> f.cve().startsWith("CVE-")).count());
        assertEquals(
                List.of("GHSA-8v27-2fg9-7h62"),
                findings.stream()
                        .map(Finding::cve)
                        .filter(id -> id.startsWith("GHSA-"))
                        .toList());
        assertEquals(
                Map.of(
                        "delegate@3.2.0", 3L,
                        "clipboard@2.0.8", 1L,
                        "pdfkit@0.12.0", 1L,
                        "redis@3.5.3", 1L,
                        "slash@4.0.0", 1L,
                        "static-eval@2.1.0", 1L,
                        "through@2.3.8", 1L),
                findings.stream()
                        .collect(Collectors.groupingBy(
                                f -> f.packageName() + "@" + f.installedVersion(), Collectors.counting())));
        assertTrue(findings.stream().allMatch(f -> f.fixedVersion() == null), "no match has a fix version");
        assertEquals(
                "Withdrawn: Arbitrary Code Execution in static-eval",
                findings.stream()
                        .collect(Collectors.toMap(Finding::cve, Function.identity()))
                        .get("GHSA-8v27-2fg9-7h62")
                        .title());
    }

    @Test
    void takesTheFirstFixVersionAndTheTimeOfTheScan() throws Exception {
        ScanImport scan = read(FIXED_AND_IGNORED);

        assertEquals(
                List.of(
                        "libcrypto1.1 1.1.1s-r0 -> 1.1.1t-r0 CVE-2023-0286 High",
                        "busybox 1.36.1-r2 -> null CVE-2026-0003 Low",
                        "musl 1.2.4-r1 -> null CVE-2026-0004 Low"),
                describeFindings(scan));
        assertEquals(
                Map.of("High", 1, "Negligible", 1, "Unknown", 1), scan.summary().findingsByScannerSeverity());
        assertEquals(Instant.parse("2026-11-30T12:29:31.546846Z"), scan.collectedAt());
        assertEquals(
                List.of(new ScanSummary.Skipped("match", "Grype's own configuration ignores it", 1)),
                scan.summary().skipped());
    }

    @Test
    void cutsALongDescriptionToTheTitleLimit() throws Exception {
        String report = ScanFiles.text(FIXED_AND_IGNORED)
                .replace(REPLACEABLE_DESCRIPTION, "d".repeat(ReportLimits.FINDING_TITLE + 1));

        ScanImport scan = GrypeReader.read(ScanFiles.bytes(report));

        String title = scan.vulnerabilityAssessment().findings().get(0).title();
        assertEquals(ReportLimits.FINDING_TITLE, title.length());
        assertTrue(title.startsWith("ddd") && title.endsWith("…"), title);
        assertEquals(
                List.of(new ScanSummary.Shortened("finding title", ReportLimits.FINDING_TITLE, 1)),
                scan.summary().shortened());
    }

    @Test
    void refusesATrivyReport() {
        assertRefused("fixtures/vulnerability/trivy/debian-buster.json", "matches is missing");
    }

    @Test
    void refusesAMatchWithoutItsVulnerability() {
        assertRefused("scans/grype-match-without-vulnerability.json", "matches[0].vulnerability is missing");
    }

    @Test
    void refusesAFixVersionHoldingANulCharacter() {
        assertRefused(
                "scans/grype-nul-in-fix-version.json",
                "matches[0].vulnerability.fix.versions[0] contains a NUL character");
    }

    @Test
    void refusesMalformedJson() {
        assertRefused("scans/malformed.json", "The file is not valid JSON");
    }

    private static ScanImport read(String resource) throws Exception {
        return GrypeReader.read(ScanFiles.open(resource));
    }

    private static void assertRefused(String resource, String expectedPart) {
        ScanFiles.assertUnreadable(GrypeReader::read, ScanFiles.open(resource), expectedPart);
    }
}
