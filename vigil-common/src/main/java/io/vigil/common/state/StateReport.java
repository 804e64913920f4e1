package io.vigil.common.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A machine's state as its agent or a scanner saw it. Every section is optional: a section sent replaces that
 * section's last value, a section left out keeps it.
 */
public record StateReport(
        Instant collectedAt,
        @Valid Updates updates,
        @Valid EndpointProtection endpointProtection,
        @Valid DiskEncryption diskEncryption,
        @Valid Baseline baseline,
        @Valid VulnerabilityAssessment vulnerabilityAssessment) {

    public enum Classification {
        Critical,
        Security,
        Other
    }

    public enum Severity {
        High,
        Medium,
        Low
    }

    public enum VolumeKind {
        Os,
        Data
    }

    public enum RuleResult {
        Pass,
        Fail,
        NotApplicable
    }

    public record Updates(@Size(max = 10_000) List<@NotNull @Valid MissingUpdate> missing, Boolean rebootPending) {}

    public record MissingUpdate(
            @NotBlank @Size(max = 200) String id,
            @Size(max = 1000) String title,
            @NotNull Classification classification,
            Severity severity,
            @Size(max = 500) List<@Size(max = 64) String> cves) {}

    public record EndpointProtection(
            @NotNull Boolean installed,
            @Size(max = 200) String product,
            Boolean realTimeProtection,
            Instant signaturesUpdatedAt) {}

    public record DiskEncryption(@NotNull @Size(max = 1000) List<@NotNull @Valid Volume> volumes) {}

    public record Volume(
            @NotBlank @Size(max = 1000) String mount,
            @NotNull VolumeKind kind,
            @NotNull Boolean encrypted) {}

    public record Baseline(@NotNull @Size(max = 50_000) List<@NotNull @Valid RuleOutcome> results) {}

    public record RuleOutcome(
            @NotBlank @Size(max = 500) String ruleId,
            @Size(max = 2000) String title,
            Severity severity,
            @NotNull RuleResult result,
            @Size(max = 2000) String expected,
            @Size(max = 2000) String actual) {}

    public record VulnerabilityAssessment(
            @NotNull Boolean installed,
            @Size(max = 200) String product,
            @Size(max = 100_000) List<@NotNull @Valid Finding> findings) {}

    public record Finding(
            @NotBlank @Size(max = 200) String cve,
            @JsonProperty("package") @Size(max = 500) String packageName,
            @Size(max = 200) String installedVersion,
            @Size(max = 200) String fixedVersion,
            @NotNull Severity severity,
            @Size(max = 2000) String title) {}
}
