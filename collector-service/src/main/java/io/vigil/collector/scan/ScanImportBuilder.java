package io.vigil.collector.scan;

import io.vigil.common.state.StateReport.Baseline;
import io.vigil.common.state.StateReport.Finding;
import io.vigil.common.state.StateReport.RuleOutcome;
import io.vigil.common.state.StateReport.RuleResult;
import io.vigil.common.state.StateReport.Severity;
import io.vigil.common.state.StateReport.VulnerabilityAssessment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects what a reader takes from one report, within the state report's limits, and counts it for the summary. An
 * entry whose id or version would not fit is left out with its reason; display text is shortened instead, and the
 * summary counts what was shortened.
 */
final class ScanImportBuilder {

    private static final String NO_VALUE = "(none)";

    private record SkipReason(String item, String reason) {}

    private record Cut(String field, int limit) {}

    private final List<Finding> findings = new ArrayList<>();
    private final List<RuleOutcome> rules = new ArrayList<>();
    private final List<ScanSummary.Score> scores = new ArrayList<>();
    private final Map<String, Integer> scannerSeverities = new TreeMap<>();
    private final Map<String, Integer> scannerStatuses = new TreeMap<>();
    private final Map<String, Integer> packageTypes = new TreeMap<>();
    private final Map<String, Integer> scannerResults = new TreeMap<>();
    private final Map<SkipReason, Integer> skipped = new LinkedHashMap<>();
    private final Map<Cut, Integer> shortened = new LinkedHashMap<>();
    private int undetermined;
    private String product;
    private String productVersion;
    private ScanSummary.Target target;
    private String identity;
    private Instant collectedAt;

    ScanImportBuilder(String product) {
        this.product = product;
    }

    void product(String product) {
        this.product = product;
    }

    void productVersion(String version) {
        this.productVersion = version;
    }

    void target(ScanSummary.Target target) {
        this.target = target;
    }

    void identity(String identity) {
        this.identity = identity;
    }

    void addScore(ScanSummary.Score score) {
        scores.add(score);
    }

    /** Counts {@code findings} imported findings as being in packages of {@code type}. */
    void countPackageType(String type, int findings) {
        if (findings > 0) {
            packageTypes.merge(type == null ? NO_VALUE : type, findings, Integer::sum);
        }
    }

    void collectedAt(Instant collectedAt) {
        this.collectedAt = collectedAt;
    }

    Instant collectedAt() {
        return collectedAt;
    }

    boolean hasFindings() {
        return !findings.isEmpty();
    }

    /**
     * @param scannerStatus the fix status the scanner gave the finding, or null
     * @return whether the finding was imported; one whose id or version would not fit is skipped instead
     */
    boolean addFinding(Finding finding, String scannerSeverity, String scannerStatus) throws ScanTooLargeException {
        String refusal = refusal(finding);
        if (refusal != null) {
            skip("finding", refusal, 1);
            return false;
        }
        makeRoom(findings, ReportLimits.FINDINGS, "findings");
        findings.add(new Finding(
                finding.cve(),
                finding.packageName(),
                finding.installedVersion(),
                finding.fixedVersion(),
                finding.severity(),
                shorten(finding.title(), ReportLimits.FINDING_TITLE, "finding title")));
        scannerSeverities.merge(scannerSeverity == null ? NO_VALUE : scannerSeverity, 1, Integer::sum);
        scannerStatuses.merge(scannerStatus == null ? NO_VALUE : scannerStatus, 1, Integer::sum);
        return true;
    }

    /**
     * @param undetermined the scanner could not decide the rule (an error or an unknown result); counted apart
     */
    void addRule(RuleOutcome rule, String scannerResult, boolean undetermined) throws ScanTooLargeException {
        if (rule.ruleId().length() > ReportLimits.RULE_ID) {
            skip("rule result", "its rule id is longer than " + ReportLimits.RULE_ID + " characters", 1);
            return;
        }
        makeRoom(rules, ReportLimits.RULE_RESULTS, "rule results");
        rules.add(new RuleOutcome(
                rule.ruleId(),
                shorten(rule.title(), ReportLimits.RULE_TITLE, "rule title"),
                rule.severity(),
                rule.result(),
                shorten(rule.expected(), ReportLimits.RULE_TEXT, "rule expected"),
                shorten(rule.actual(), ReportLimits.RULE_TEXT, "rule actual")));
        scannerResults.merge(scannerResult, 1, Integer::sum);
        if (undetermined) {
            this.undetermined++;
        }
    }

    void skip(String item, String reason, int count) {
        if (count > 0) {
            skipped.merge(new SkipReason(item, reason), count, Integer::sum);
        }
    }

    /**
     * @param vulnerabilities the report is a vulnerability scan: its findings, even none, replace the machine's
     * @param baseline the report is a baseline scan: its rule results, even none, replace the machine's
     */
    ScanImport build(boolean vulnerabilities, boolean baseline) {
        String shownProduct = shorten(product, ReportLimits.PRODUCT, "product");
        return new ScanImport(
                collectedAt,
                vulnerabilities ? new VulnerabilityAssessment(true, shownProduct, List.copyOf(findings)) : null,
                baseline ? new Baseline(List.copyOf(rules)) : null,
                new ScanSummary(
                        shownProduct,
                        productVersion,
                        target,
                        identity,
                        List.copyOf(scores),
                        findings.size(),
                        count(findings.stream().map(Finding::severity).toList(), Severity.class),
                        Collections.unmodifiableMap(new TreeMap<>(scannerSeverities)),
                        Collections.unmodifiableMap(new TreeMap<>(scannerStatuses)),
                        Collections.unmodifiableMap(new TreeMap<>(packageTypes)),
                        rules.size(),
                        count(rules.stream().map(RuleOutcome::result).toList(), RuleResult.class),
                        Collections.unmodifiableMap(new TreeMap<>(scannerResults)),
                        undetermined,
                        skipped.entrySet().stream()
                                .map(entry -> new ScanSummary.Skipped(
                                        entry.getKey().item(), entry.getKey().reason(), entry.getValue()))
                                .toList(),
                        shortened.entrySet().stream()
                                .map(entry -> new ScanSummary.Shortened(
                                        entry.getKey().field(), entry.getKey().limit(), entry.getValue()))
                                .toList()));
    }

    /** Display text cut to what a state report holds, counted for the summary when it had to be. */
    private String shorten(String value, int limit, String field) {
        String shown = ScanValues.cut(value, limit);
        if (shown != null && !shown.equals(value)) {
            shortened.merge(new Cut(field, limit), 1, Integer::sum);
        }
        return shown;
    }

    private static String refusal(Finding finding) {
        if (finding.cve().length() > ReportLimits.CVE) {
            return "its vulnerability id is longer than " + ReportLimits.CVE + " characters";
        }
        if (finding.packageName() != null && finding.packageName().length() > ReportLimits.PACKAGE) {
            return "its package name is longer than " + ReportLimits.PACKAGE + " characters";
        }
        if (tooLong(finding.installedVersion()) || tooLong(finding.fixedVersion())) {
            return "a version of its package is longer than " + ReportLimits.VERSION + " characters";
        }
        return null;
    }

    private static boolean tooLong(String version) {
        return version != null && version.length() > ReportLimits.VERSION;
    }

    /** Every value of the enum, with zero where none was seen, so the answer always has the same keys. */
    private static <E extends Enum<E>> Map<E, Integer> count(List<E> values, Class<E> type) {
        Map<E, Integer> counts = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            counts.put(constant, 0);
        }
        values.forEach(value -> counts.merge(value, 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** Refuses the whole report once one more entry would pass the limit: it is never cut. */
    private static void makeRoom(List<?> entries, int limit, String what) throws ScanTooLargeException {
        if (entries.size() == limit) {
            throw new ScanTooLargeException("The report holds more than " + limit + " " + what
                    + ", the most one state report carries; nothing was imported. Scan fewer targets per report.");
        }
    }
}
