package io.vigil.collector.scan;

import io.vigil.common.state.StateReport.RuleResult;
import io.vigil.common.state.StateReport.Severity;
import java.util.List;
import java.util.Map;

/**
 * What one scanner report became, for the answer to its upload: the counts of what was imported, in Vigil's terms and
 * in the scanner's own words, what the report says about the scan itself, and what was left out or shortened and why.
 * The facts about the scan (version, target, identity, scores) are given back here only; the machine's state keeps
 * the findings and rule results.
 *
 * @param product the scanner that wrote the report ({@code trivy}, {@code grype}, or the XCCDF generator)
 * @param productVersion the scanner's version, when the report names it
 * @param target what the report says it scanned; null when it does not say
 * @param identity the account an XCCDF scan ran as; null for other formats
 * @param scores an XCCDF TestResult's scores, one per scoring model; empty for other formats
 * @param findingsByScannerSeverity the imported findings by the severity the scanner gave them, as it spelt it
 * @param findingsByScannerStatus the imported findings by the fix status the scanner gave them (Trivy's
 *     {@code Status}, Grype's {@code fix.state}), as it spelt it
 * @param findingsByPackageType the imported findings by the kind of package they are in (Trivy's result
 *     {@code Type}, Grype's artifact {@code type})
 * @param ruleResultsByScannerResult the imported rule results by the result the scanner gave them, as it spelt it
 * @param undeterminedRuleResults rule results the scanner could not decide (XCCDF {@code error} and {@code unknown});
 *     they are imported as NotApplicable, never as a pass or a fail
 * @param skipped what the report held that was not imported
 * @param shortened display text imported shortened, marked with an ellipsis, because it was longer than a state
 *     report holds
 */
public record ScanSummary(
        String product,
        String productVersion,
        Target target,
        String identity,
        List<Score> scores,
        int findings,
        Map<Severity, Integer> findingsBySeverity,
        Map<String, Integer> findingsByScannerSeverity,
        Map<String, Integer> findingsByScannerStatus,
        Map<String, Integer> findingsByPackageType,
        int ruleResults,
        Map<RuleResult, Integer> ruleResultsByOutcome,
        Map<String, Integer> ruleResultsByScannerResult,
        int undeterminedRuleResults,
        List<Skipped> skipped,
        List<Shortened> shortened) {

    /**
     * @param name the host, image, file or directory scanned, as the report names it
     * @param type what kind of thing it is, in the scanner's words ({@code vm}, {@code container_image},
     *     {@code directory}); null when the report does not say
     * @param operatingSystem the operating system the scanner found, e.g. {@code debian 9.9}
     * @param operatingSystemEndOfLife true when the scanner says that operating system gets no more fixes (Trivy's
     *     {@code EOSL}); null when it does not say
     */
    public record Target(String name, String type, String operatingSystem, Boolean operatingSystemEndOfLife) {}

    /** One XCCDF score: {@code value} out of {@code maximum} under the scoring model {@code system}. */
    public record Score(String system, double value, double maximum) {}

    /** Entries of one kind left out for one reason, e.g. 3 secrets, because secrets are not imported. */
    public record Skipped(String item, String reason, int count) {}

    /** How many values of one field were cut to {@code limit} characters. */
    public record Shortened(String field, int limit, int count) {}
}
