package io.vigil.collector.scan;

import io.vigil.common.state.StateReport;
import io.vigil.common.state.StateReport.Baseline;
import io.vigil.common.state.StateReport.VulnerabilityAssessment;
import java.time.Instant;

/**
 * The state report sections one scanner report fills. A section the scan did not cover is null, so storing the import
 * keeps that section's last value: a vulnerability scan does not clear the baseline, nor a baseline scan the findings.
 *
 * @param collectedAt when the scan ran, if the report says; null otherwise
 */
public record ScanImport(
        Instant collectedAt, VulnerabilityAssessment vulnerabilityAssessment, Baseline baseline, ScanSummary summary) {

    public StateReport toStateReport() {
        return new StateReport(collectedAt, null, null, null, baseline, vulnerabilityAssessment);
    }
}
