package io.vigil.recommendation.health;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.Switch;
import io.vigil.common.state.StateReport;
import io.vigil.recommendation.evaluation.Assessment;
import io.vigil.recommendation.evaluation.Details;
import io.vigil.recommendation.evaluation.MachineFacts;
import io.vigil.recommendation.evaluation.Raised;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.state.MachineState;
import io.vigil.recommendation.state.Section;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine's health on each control, from the same assessment that raised its recommendations. A control is
 * Unhealthy while one of its recommendation types is raised, whether or not a person dismissed it: health shows the
 * machine as it is. It is NotApplicable when the policy turns it off or the machine never reported what the control
 * judges; Healthy otherwise. Where data collection is off nothing is judged: every control is NotApplicable, and the
 * scope's EnableDataCollection recommendation says why. Endpoint protection is also unhealthy while real-time
 * protection is off or the signatures are older than {@link #STALE_SIGNATURES}, on Windows and on Linux machines that
 * run a product; a Linux machine without one is NotApplicable. Each unhealthy control is given its reasons.
 */
public final class HealthEvaluator {

    public static final Duration STALE_SIGNATURES = Duration.ofDays(7);

    static final String REAL_TIME_PROTECTION_OFF = "Real-time protection is off";
    static final String STALE_SIGNATURES_REASON = "Antimalware signatures were last updated 7 days ago or more";

    private HealthEvaluator() {}

    public static HealthJudgment evaluate(
            MachineFacts machine, MachineState state, EffectivePolicy policy, Assessment assessment, Instant now) {
        Map<RecommendationType, Raised> raised = new EnumMap<>(RecommendationType.class);
        assessment.raised().forEach(item -> raised.put(item.type(), item));
        Map<SecurityControl, HealthState> controls = new EnumMap<>(SecurityControl.class);
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        for (SecurityControl control : SecurityControl.values()) {
            List<String> problems = problems(control, state, raised, now);
            HealthState health = evaluate(control, state, policy, problems);
            controls.put(control, health);
            if (health == HealthState.Unhealthy) {
                reasons.put(control.json(), problems);
            }
        }
        return new HealthJudgment(MachineHealth.of(controls), reasons);
    }

    /**
     * When the machine must be judged again though nothing is reported: the moment its signatures turn stale, or the
     * moment a machine never heard from has waited long enough for its agent; null when nothing of that is pending.
     */
    public static Instant reevaluateAt(MachineFacts machine, MachineState state, EffectivePolicy policy, Instant now) {
        Instant due = null;
        Section<StateReport.EndpointProtection> section = state.endpointProtection();
        if (section != null && section.value().signaturesUpdatedAt() != null) {
            due = future(section.value().signaturesUpdatedAt().plus(STALE_SIGNATURES), now);
        }
        if (machine.neverHeardFrom(state.hasReported()) && machine.registeredAt() != null) {
            Instant agentDue = future(machine.agentDueAt(policy.agentSilenceMinutes()), now);
            due = due == null || (agentDue != null && agentDue.isBefore(due)) ? agentDue : due;
        }
        return due;
    }

    private static Instant future(Instant moment, Instant now) {
        return moment.isAfter(now) ? moment : null;
    }

    private static HealthState evaluate(
            SecurityControl control, MachineState state, EffectivePolicy policy, List<String> problems) {
        if (policy.dataCollection() != Switch.On || !control.isOn(policy.recommendations())) {
            return HealthState.NotApplicable;
        }
        if (!problems.isEmpty()) {
            return HealthState.Unhealthy;
        }
        return switch (control) {
            case VM_AGENT -> HealthState.Healthy;
            case SYSTEM_UPDATES -> reported(state.updates());
            case SECURITY_CONFIGURATIONS -> reported(state.baseline());
            case DISK_ENCRYPTION -> reported(state.diskEncryption());
            case VULNERABILITY_ASSESSMENT -> reported(state.vulnerabilityAssessment());
            // A Windows machine without protection has InstallEndpointProtection raised; Linux needs none.
            case ENDPOINT_PROTECTION ->
                installed(state.endpointProtection()) ? HealthState.Healthy : HealthState.NotApplicable;
        };
    }

    /** What is wrong on one control: its raised recommendations, and for endpoint protection a product's faults. */
    private static List<String> problems(
            SecurityControl control, MachineState state, Map<RecommendationType, Raised> raised, Instant now) {
        List<String> problems = new ArrayList<>();
        for (RecommendationType type : control.types()) {
            if (raised.containsKey(type)) {
                problems.add(reason(raised.get(type)));
            }
        }
        if (control == SecurityControl.ENDPOINT_PROTECTION && installed(state.endpointProtection())) {
            StateReport.EndpointProtection protection =
                    state.endpointProtection().value();
            if (Boolean.FALSE.equals(protection.realTimeProtection())) {
                problems.add(REAL_TIME_PROTECTION_OFF);
            }
            if (protection.signaturesUpdatedAt() != null
                    && !protection.signaturesUpdatedAt().plus(STALE_SIGNATURES).isAfter(now)) {
                problems.add(STALE_SIGNATURES_REASON);
            }
        }
        return problems;
    }

    private static String reason(Raised raised) {
        return switch (raised.type()) {
            case ApplySystemUpdates -> "Security or critical updates are missing";
            case RebootAfterSystemUpdates -> "A reboot is pending after system updates";
            case RemediateOsVulnerabilities -> "Security configuration rules fail";
            case InstallEndpointProtection ->
                ((Details.EndpointProtection) raised.details()).reported()
                        ? "No endpoint protection is installed"
                        : "The machine reports its state but never whether endpoint protection is installed";
            case EnableVmAgent ->
                MachineFacts.UNRESPONSIVE.equals(((Details.VmAgent) raised.details()).agentStatus())
                        ? "The agent has gone silent"
                        : "No agent has reported since the machine was registered";
            case ApplyDiskEncryption -> "A volume is not encrypted";
            case VulnerabilityAssessmentNotInstalled -> "No vulnerability assessment solution reports";
            case RemediateVulnerabilities -> "The vulnerability assessment found vulnerabilities";
            case EnableDataCollection -> "Data collection is off";
        };
    }

    private static HealthState reported(Section<?> section) {
        return section == null ? HealthState.NotApplicable : HealthState.Healthy;
    }

    private static boolean installed(Section<StateReport.EndpointProtection> section) {
        return section != null && Boolean.TRUE.equals(section.value().installed());
    }
}
