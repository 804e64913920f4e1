package io.vigil.collector.scan;

import io.vigil.common.state.StateReport.RuleResult;
import io.vigil.common.state.StateReport.Severity;
import java.util.List;
import java.util.Map;

/**
 * What one scanner report became, for the answer to its upload: the counts of what was imported, in Vigil's terms and
 * in the scanner's own words, and what was left out and why.
 *
 * @param product the scanner that wrote the report ({@code trivy}, {@code grype}, or the XCCDF generator)
 * @param findingsByScannerSeverity the imported findings by the severity the scanner gave them, as it spelt it
 * @param ruleResultsByScannerResult the imported rule results by the result the scanner gave them, as it spelt it
 * @param undeterminedRuleResults rule results the scanner could not decide (XCCDF {@code error} and {@code unknown});
 *     they are imported as NotApplicable, never as a pass or a fail
 * @param skipped what the report held that was not imported
 */
public record ScanSummary(
        String product,
        int findings,
        Map<Severity, Integer> findingsBySeverity,
        Map<String, Integer> findingsByScannerSeverity,
        int ruleResults,
        Map<RuleResult, Integer> ruleResultsByOutcome,
        Map<String, Integer> ruleResultsByScannerResult,
        int undeterminedRuleResults,
        List<Skipped> skipped) {

    /** Entries of one kind left out for one reason, e.g. 3 secrets, because secrets are not imported. */
    public record Skipped(String item, String reason, int count) {}
}
