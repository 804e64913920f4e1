package io.vigil.recommendation.health;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.Switch;
import io.vigil.common.state.StateReport;
import io.vigil.recommendation.evaluation.Assessment;
import io.vigil.recommendation.evaluation.MachineFacts;
import io.vigil.recommendation.evaluation.Raised;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.state.MachineState;
import io.vigil.recommendation.state.Section;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A machine's health on each control, from the same assessment that raised its recommendations. A control is
 * Unhealthy while one of its recommendation types is raised, whether or not a person dismissed it: health shows the
 * machine as it is. It is NotApplicable when the policy turns it off or the machine never reported what the control
 * judges; Healthy otherwise. Where data collection is off nothing is judged: every control is NotApplicable, and the
 * scope's EnableDataCollection recommendation says why. Endpoint protection is also unhealthy while real-time
 * protection is off or the signatures are older than {@link #STALE_SIGNATURES}, on Windows and on Linux machines that
 * run a product; a Linux machine without one is NotApplicable.
 */
public final class HealthEvaluator {

    public static final Duration STALE_SIGNATURES = Duration.ofDays(7);

    private HealthEvaluator() {}

    public static MachineHealth evaluate(
            MachineFacts machine, MachineState state, EffectivePolicy policy, Assessment assessment, Instant now) {
        Set<RecommendationType> raised =
                assessment.raised().stream().map(Raised::type).collect(Collectors.toSet());
        Map<SecurityControl, HealthState> controls = new EnumMap<>(SecurityControl.class);
        for (SecurityControl control : SecurityControl.values()) {
            controls.put(control, evaluate(control, machine, state, policy, raised, now));
        }
        return MachineHealth.of(controls);
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
            SecurityControl control,
            MachineFacts machine,
            MachineState state,
            EffectivePolicy policy,
            Set<RecommendationType> raised,
            Instant now) {
        if (policy.dataCollection() != Switch.On || !control.isOn(policy.recommendations())) {
            return HealthState.NotApplicable;
        }
        if (control.types().stream().anyMatch(raised::contains)) {
            return HealthState.Unhealthy;
        }
        return switch (control) {
            case VM_AGENT -> HealthState.Healthy;
            case SYSTEM_UPDATES -> reported(state.updates());
            case SECURITY_CONFIGURATIONS -> reported(state.baseline());
            case DISK_ENCRYPTION -> reported(state.diskEncryption());
            case VULNERABILITY_ASSESSMENT -> reported(state.vulnerabilityAssessment());
            case ENDPOINT_PROTECTION -> endpointProtection(machine, state.endpointProtection(), now);
        };
    }

    private static HealthState reported(Section<?> section) {
        return section == null ? HealthState.NotApplicable : HealthState.Healthy;
    }

    private static HealthState endpointProtection(
            MachineFacts machine, Section<StateReport.EndpointProtection> section, Instant now) {
        if (section == null || !Boolean.TRUE.equals(section.value().installed())) {
            // A Windows machine without protection raised InstallEndpointProtection above; Linux needs none.
            return HealthState.NotApplicable;
        }
        StateReport.EndpointProtection protection = section.value();
        boolean realTimeOff = Boolean.FALSE.equals(protection.realTimeProtection());
        boolean stale = protection.signaturesUpdatedAt() != null
                && !protection.signaturesUpdatedAt().plus(STALE_SIGNATURES).isAfter(now);
        return realTimeOff || stale ? HealthState.Unhealthy : HealthState.Healthy;
    }
}
