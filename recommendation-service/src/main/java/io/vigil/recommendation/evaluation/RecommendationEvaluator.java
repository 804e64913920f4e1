package io.vigil.recommendation.evaluation;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.common.state.StateReport;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.model.Severity;
import io.vigil.recommendation.state.MachineState;
import io.vigil.recommendation.state.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which recommendations should be active for a machine and for the scope that decides its data collection.
 * Pure: the same facts, state and policy always give the same answer.
 */
public final class RecommendationEvaluator {

    /** The machine types this evaluator decides. */
    static final Set<RecommendationType> MACHINE_TYPES = EnumSet.of(
            RecommendationType.EnableVmAgent,
            RecommendationType.RemediateOsVulnerabilities,
            RecommendationType.ApplySystemUpdates,
            RecommendationType.RebootAfterSystemUpdates,
            RecommendationType.InstallEndpointProtection,
            RecommendationType.ApplyDiskEncryption,
            RecommendationType.VulnerabilityAssessmentNotInstalled,
            RecommendationType.RemediateVulnerabilities);

    private static final Comparator<StateReport.Severity> MOST_SEVERE_FIRST =
            Comparator.nullsLast(Comparator.comparingInt(Enum::ordinal));

    private RecommendationEvaluator() {}

    /** The machine's own assessment, then its data collection scope's. */
    public static List<Assessment> evaluate(
            MachineFacts machine, MachineState state, EffectivePolicy policy, Instant now) {
        return List.of(evaluateMachine(machine, state, policy, now), evaluateDataCollection(policy));
    }

    public static Assessment evaluateMachine(
            MachineFacts machine, MachineState state, EffectivePolicy policy, Instant now) {
        Switches switches = new Switches(policy.recommendations());
        List<Raised> raised = new ArrayList<>();
        // The agent is what every other check depends on: it has no switch.
        addIfPresent(raised, vmAgent(machine, state, policy, now));
        if (switches.on(RecommendationSwitches::systemUpdates)) {
            addIfPresent(raised, systemUpdates(state.updates()));
            addIfPresent(raised, reboot(state.updates()));
        }
        if (switches.on(RecommendationSwitches::diskEncryption)) {
            addIfPresent(raised, diskEncryption(state.diskEncryption()));
        }
        if (switches.on(RecommendationSwitches::endpointProtection) && machine.isWindows()) {
            addIfPresent(raised, endpointProtection(state));
        }
        if (switches.on(RecommendationSwitches::securityConfigurations)) {
            addIfPresent(raised, baseline(state.baseline()));
        }
        if (switches.on(RecommendationSwitches::vulnerabilityAssessment)) {
            addIfPresent(raised, assessmentMissing(state));
            addIfPresent(raised, vulnerabilities(state.vulnerabilityAssessment()));
        }
        return new Assessment(machine.resourceId(), MACHINE_TYPES, raised);
    }

    /** Data collection Off is a property of a scope, so it is raised once on that scope, not on each machine. */
    public static Assessment evaluateDataCollection(EffectivePolicy policy) {
        List<Raised> raised = new ArrayList<>();
        if (policy.dataCollection() != Switch.On) {
            ValueSource source = policy.inheritedFrom() == null
                    ? ValueSource.DEFAULT
                    : policy.inheritedFrom().dataCollection();
            String decidedBy = source == null ? ValueSource.DEFAULT.json() : source.json();
            raised.add(new Raised(
                    RecommendationType.EnableDataCollection,
                    Severity.High,
                    new Details.DataCollection(Switch.Off.name(), decidedBy)));
        }
        return new Assessment(
                policy.dataCollectionScopeId(), EnumSet.of(RecommendationType.EnableDataCollection), raised);
    }

    private static Raised systemUpdates(Section<StateReport.Updates> section) {
        if (section == null || section.value().missing() == null) {
            return null;
        }
        List<StateReport.MissingUpdate> needed = section.value().missing().stream()
                .filter(update -> update.classification() == StateReport.Classification.Security
                        || update.classification() == StateReport.Classification.Critical)
                .toList();
        if (needed.isEmpty()) {
            return null;
        }
        boolean critical =
                needed.stream().anyMatch(update -> update.classification() == StateReport.Classification.Critical);
        List<Details.Update> updates = needed.stream()
                .map(update -> new Details.Update(
                        update.id(),
                        update.title(),
                        update.classification(),
                        update.cves() == null ? List.of() : update.cves()))
                .toList();
        return new Raised(
                RecommendationType.ApplySystemUpdates,
                critical ? Severity.High : Severity.Medium,
                new Details.MissingUpdates(updates));
    }

    private static Raised reboot(Section<StateReport.Updates> section) {
        if (section == null || !Boolean.TRUE.equals(section.value().rebootPending())) {
            return null;
        }
        return new Raised(
                RecommendationType.RebootAfterSystemUpdates, Severity.Medium, new Details.RebootPending(true));
    }

    private static Raised diskEncryption(Section<StateReport.DiskEncryption> section) {
        if (section == null || section.value().volumes() == null) {
            return null;
        }
        List<Details.Volume> unencrypted = section.value().volumes().stream()
                .filter(volume -> Boolean.FALSE.equals(volume.encrypted()))
                .map(volume -> new Details.Volume(volume.mount(), volume.kind()))
                .toList();
        return unencrypted.isEmpty()
                ? null
                : new Raised(
                        RecommendationType.ApplyDiskEncryption,
                        Severity.High,
                        new Details.UnencryptedVolumes(unencrypted));
    }

    /**
     * Raised on a Windows machine that says it has no antimalware, and on one that reports its state but has never
     * said whether it has any: nothing shows it is protected. A machine that reported nothing yet is left to
     * {@link RecommendationType#EnableVmAgent}.
     */
    private static Raised endpointProtection(MachineState state) {
        Section<StateReport.EndpointProtection> section = state.endpointProtection();
        if (section == null) {
            return state.hasReported()
                    ? new Raised(
                            RecommendationType.InstallEndpointProtection,
                            Severity.High,
                            new Details.EndpointProtection(false, null, null))
                    : null;
        }
        if (!Boolean.FALSE.equals(section.value().installed())) {
            return null;
        }
        return new Raised(
                RecommendationType.InstallEndpointProtection,
                Severity.High,
                new Details.EndpointProtection(true, false, section.value().product()));
    }

    private static Raised baseline(Section<StateReport.Baseline> section) {
        if (section == null || section.value().results() == null) {
            return null;
        }
        List<StateReport.RuleOutcome> failed = section.value().results().stream()
                .filter(rule -> rule.result() == StateReport.RuleResult.Fail)
                .sorted(Comparator.comparing(StateReport.RuleOutcome::severity, MOST_SEVERE_FIRST))
                .toList();
        if (failed.isEmpty()) {
            return null;
        }
        List<Details.Rule> rules = failed.stream()
                .map(rule ->
                        new Details.Rule(rule.ruleId(), rule.title(), rule.severity(), rule.expected(), rule.actual()))
                .toList();
        // A rule without a severity (XCCDF "unknown") still needs fixing; Medium is the neutral default.
        StateReport.Severity highest = failed.get(0).severity();
        Severity severity = highest == null ? Severity.Medium : Severity.valueOf(highest.name());
        return new Raised(RecommendationType.RemediateOsVulnerabilities, severity, new Details.FailedRules(rules));
    }

    /**
     * Raised when the machine says no solution is installed, and when a machine that reports its state has never had
     * an assessment reported: no solution is reporting for it. A machine that reported nothing yet is left to
     * {@link RecommendationType#EnableVmAgent}.
     */
    private static Raised assessmentMissing(MachineState state) {
        Section<StateReport.VulnerabilityAssessment> section = state.vulnerabilityAssessment();
        if (section == null) {
            return state.hasReported()
                    ? new Raised(
                            RecommendationType.VulnerabilityAssessmentNotInstalled,
                            Severity.Medium,
                            new Details.AssessmentSolution(false, null))
                    : null;
        }
        if (!Boolean.FALSE.equals(section.value().installed())) {
            return null;
        }
        return new Raised(
                RecommendationType.VulnerabilityAssessmentNotInstalled,
                Severity.Medium,
                new Details.AssessmentSolution(false, section.value().product()));
    }

    /**
     * An agent gone silent, or a machine no agent or scanner has spoken for since it was registered longer ago than an
     * agent may be silent.
     */
    private static Raised vmAgent(MachineFacts machine, MachineState state, EffectivePolicy policy, Instant now) {
        Instant due = machine.agentDueAt(policy.agentSilenceMinutes());
        boolean waitedLongEnough = machine.neverHeardFrom(state.hasReported()) && (due == null || !due.isAfter(now));
        if (!machine.isUnresponsive() && !waitedLongEnough) {
            return null;
        }
        String status = machine.agentStatus() == null ? "NeverReported" : machine.agentStatus();
        return new Raised(
                RecommendationType.EnableVmAgent, Severity.High, new Details.VmAgent(status, machine.lastHeartbeat()));
    }

    private static Raised vulnerabilities(Section<StateReport.VulnerabilityAssessment> section) {
        if (section == null
                || section.value().findings() == null
                || section.value().findings().isEmpty()) {
            return null;
        }
        List<Details.Vulnerability> findings = section.value().findings().stream()
                .sorted(Comparator.comparing(StateReport.Finding::severity, MOST_SEVERE_FIRST)
                        .thenComparing(StateReport.Finding::cve, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(finding -> new Details.Vulnerability(
                        finding.cve(),
                        finding.packageName(),
                        finding.installedVersion(),
                        finding.fixedVersion(),
                        finding.severity()))
                .toList();
        StateReport.Severity highest = findings.get(0).severity();
        Severity severity = highest == null ? Severity.Medium : Severity.valueOf(highest.name());
        return new Raised(
                RecommendationType.RemediateVulnerabilities,
                severity,
                new Details.Vulnerabilities(findings.size(), findings));
    }

    private static void addIfPresent(List<Raised> raised, Raised candidate) {
        if (candidate != null) {
            raised.add(candidate);
        }
    }

    /** A switch that is not set anywhere is On: that is the policy default. */
    private record Switches(RecommendationSwitches switches) {

        boolean on(Function<RecommendationSwitches, Switch> which) {
            return switches == null || which.apply(switches) != Switch.Off;
        }
    }
}
