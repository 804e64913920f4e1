package io.vigil.recommendation.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.common.state.StateReport;
import java.time.Instant;
import java.util.List;

/** The evidence each recommendation type carries in its {@code details}: what a person must look at to fix it. */
public final class Details {

    private Details() {}

    public record MissingUpdates(List<Update> updates) {}

    public record Update(String id, String title, StateReport.Classification classification, List<String> cves) {}

    public record UnencryptedVolumes(List<Volume> volumes) {}

    public record Volume(String mount, StateReport.VolumeKind kind) {}

    /**
     * {@code reported} is false for a machine that reports its state but never said whether protection is installed;
     * {@code installed} is then null.
     */
    public record EndpointProtection(boolean reported, Boolean installed, String product) {}

    /** {@code decidedBy} is where the Off came from: {@code subscription}, {@code resourceGroup} or {@code default}. */
    public record DataCollection(String dataCollection, String decidedBy) {}

    public record RebootPending(boolean rebootPending) {}

    public record FailedRules(List<Rule> failedRules) {}

    public record Rule(String ruleId, String title, StateReport.Severity severity, String expected, String actual) {}

    public record AssessmentSolution(boolean installed, String product) {}

    /** {@code agentStatus} as the collector announced it; {@code lastHeartbeat} null when none ever came. */
    public record VmAgent(String agentStatus, Instant lastHeartbeat) {}

    public record Vulnerabilities(int count, List<Vulnerability> findings) {}

    public record Vulnerability(
            String cve,
            @JsonProperty("package") String packageName,
            String installedVersion,
            String fixedVersion,
            StateReport.Severity severity) {}
}
