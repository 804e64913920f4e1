package io.vigil.recommendation.state;

import io.vigil.common.state.StateReport;
import java.time.Instant;

/**
 * A machine's latest security state: each report section as last collected. Sections are kept apart because agents
 * and scanners report different sections at different times.
 */
public record MachineState(
        Section<StateReport.Updates> updates,
        Section<StateReport.EndpointProtection> endpointProtection,
        Section<StateReport.DiskEncryption> diskEncryption,
        Section<StateReport.Baseline> baseline,
        Section<StateReport.VulnerabilityAssessment> vulnerabilityAssessment) {

    public static final MachineState EMPTY = new MachineState(null, null, null, null, null);

    /** Whether any section was ever reported. */
    public boolean hasReported() {
        return updates != null
                || endpointProtection != null
                || diskEncryption != null
                || baseline != null
                || vulnerabilityAssessment != null;
    }

    /**
     * The state after a report: each section the report carries replaces the stored one, unless the stored one was
     * collected later. A report without {@code collectedAt} counts as collected when it was received.
     */
    public MachineState merge(StateReport report, Instant receivedAt) {
        Instant collectedAt = report.collectedAt() != null ? report.collectedAt() : receivedAt;
        return new MachineState(
                newer(updates, report.updates(), collectedAt),
                newer(endpointProtection, report.endpointProtection(), collectedAt),
                newer(diskEncryption, report.diskEncryption(), collectedAt),
                newer(baseline, report.baseline(), collectedAt),
                newer(vulnerabilityAssessment, report.vulnerabilityAssessment(), collectedAt));
    }

    private static <T> Section<T> newer(Section<T> stored, T reported, Instant collectedAt) {
        if (reported == null) {
            return stored;
        }
        Section<T> candidate = new Section<>(collectedAt, reported);
        return candidate.isOlderThan(stored) ? stored : candidate;
    }
}
