package io.vigil.recommendation.health;

import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.Switch;
import io.vigil.recommendation.model.RecommendationType;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The six security controls of a machine, each with the recommendation types that make it unhealthy, the policy switch
 * that turns it off (none for the agent, which is always checked), and its weight in the secure score. The weights
 * follow the best-known product of this field: updates and vulnerabilities weigh most, the agent least.
 */
public enum SecurityControl {
    SYSTEM_UPDATES(
            "systemUpdates",
            6,
            RecommendationSwitches::systemUpdates,
            EnumSet.of(RecommendationType.ApplySystemUpdates, RecommendationType.RebootAfterSystemUpdates)),
    VULNERABILITY_ASSESSMENT(
            "vulnerabilityAssessment",
            6,
            RecommendationSwitches::vulnerabilityAssessment,
            EnumSet.of(
                    RecommendationType.VulnerabilityAssessmentNotInstalled,
                    RecommendationType.RemediateVulnerabilities)),
    SECURITY_CONFIGURATIONS(
            "securityConfigurations",
            4,
            RecommendationSwitches::securityConfigurations,
            EnumSet.of(RecommendationType.RemediateOsVulnerabilities)),
    DISK_ENCRYPTION(
            "diskEncryption",
            4,
            RecommendationSwitches::diskEncryption,
            EnumSet.of(RecommendationType.ApplyDiskEncryption)),
    ENDPOINT_PROTECTION(
            "endpointProtection",
            2,
            RecommendationSwitches::endpointProtection,
            EnumSet.of(RecommendationType.InstallEndpointProtection)),
    VM_AGENT("vmAgent", 1, null, EnumSet.of(RecommendationType.EnableVmAgent));

    private final String json;
    private final int maxScore;
    private final Function<RecommendationSwitches, Switch> policySwitch;
    private final Set<RecommendationType> types;

    SecurityControl(
            String json,
            int maxScore,
            Function<RecommendationSwitches, Switch> policySwitch,
            Set<RecommendationType> types) {
        this.json = json;
        this.maxScore = maxScore;
        this.policySwitch = policySwitch;
        this.types = types;
    }

    /** The control's name in the API, as in {@code machines/health}. */
    public String json() {
        return json;
    }

    public int maxScore() {
        return maxScore;
    }

    public Set<RecommendationType> types() {
        return types;
    }

    /** Whether the policy checks this control; a switch set nowhere is On, the policy default. */
    public boolean isOn(RecommendationSwitches switches) {
        return policySwitch == null || switches == null || policySwitch.apply(switches) != Switch.Off;
    }
}
