package io.vigil.recommendation.evaluation;

import static io.vigil.recommendation.TestData.ALL_ENCRYPTED;
import static io.vigil.recommendation.TestData.ALL_ON;
import static io.vigil.recommendation.TestData.BIND_FINDING;
import static io.vigil.recommendation.TestData.KERNEL_CRITICAL_UPDATE;
import static io.vigil.recommendation.TestData.LIBIDN_FINDING;
import static io.vigil.recommendation.TestData.MANPAGES_OTHER_UPDATE;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.NO_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.OPENSSL_SECURITY_UPDATE;
import static io.vigil.recommendation.TestData.PASSWORD_AGE_PASSED;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.SSH_ROOT_LOGIN_FAILED;
import static io.vigil.recommendation.TestData.UNENCRYPTED_ROOT;
import static io.vigil.recommendation.TestData.allOnExcept;
import static io.vigil.recommendation.TestData.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.common.state.StateReport;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.model.Severity;
import io.vigil.recommendation.state.MachineState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RecommendationEvaluatorTest {

    private static final Instant HEARD = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-30T10:05:00Z");
    private static final String SUBSCRIPTION = "sub-1";
    private static final String RESOURCE_GROUP = "web-rg";
    private static final MachineFacts LINUX = new MachineFacts(
            "/subscriptions/sub-1/resourceGroups/web-rg/machines/web01", "Linux", HEARD, "Reporting", HEARD);
    private static final MachineFacts WINDOWS = new MachineFacts(
            "/subscriptions/sub-1/resourceGroups/web-rg/machines/dc01", "Windows", HEARD, "Reporting", HEARD);
    private static final EffectivePolicy COLLECTING = policyWith(ALL_ON);

    private static final StateReport.EndpointProtection NO_ANTIMALWARE =
            new StateReport.EndpointProtection(false, null, null, null);
    private static final StateReport.EndpointProtection DEFENDER =
            new StateReport.EndpointProtection(true, "Microsoft Defender", true, MONDAY);

    @Test
    void raisesSystemUpdatesForAMissingSecurityUpdateAsMedium() {
        Raised raised = machineRaised(LINUX, updates(ONE_SECURITY_UPDATE_MISSING), COLLECTING)
                .get(RecommendationType.ApplySystemUpdates);

        assertEquals(Severity.Medium, raised.severity());
        Details.MissingUpdates details = (Details.MissingUpdates) raised.details();
        assertEquals(
                List.of(new Details.Update(
                        "DSA-5343-1",
                        "openssl security update",
                        StateReport.Classification.Security,
                        List.of("CVE-2023-0286"))),
                details.updates(),
                "updates classified Other are not listed");
    }

    @Test
    void raisesSystemUpdatesAsHighWhenACriticalUpdateIsMissing() {
        StateReport.Updates missing =
                new StateReport.Updates(List.of(OPENSSL_SECURITY_UPDATE, KERNEL_CRITICAL_UPDATE), false);

        Raised raised = machineRaised(LINUX, updates(missing), COLLECTING).get(RecommendationType.ApplySystemUpdates);

        assertEquals(Severity.High, raised.severity());
        assertEquals(2, ((Details.MissingUpdates) raised.details()).updates().size());
    }

    @Test
    void doesNotRaiseSystemUpdatesForOtherUpdatesOnly() {
        StateReport.Updates onlyOther = new StateReport.Updates(List.of(MANPAGES_OTHER_UPDATE), false);

        assertFalse(machineRaised(LINUX, updates(onlyOther), COLLECTING)
                .containsKey(RecommendationType.ApplySystemUpdates));
        assertFalse(machineRaised(LINUX, updates(NO_UPDATE_MISSING), COLLECTING)
                .containsKey(RecommendationType.ApplySystemUpdates));
    }

    @Test
    void suppressesSystemUpdatesWhenTheSwitchIsOff() {
        Map<RecommendationType, Raised> raised = machineRaised(
                LINUX,
                updates(new StateReport.Updates(List.of(OPENSSL_SECURITY_UPDATE), true)),
                policyWith(allOnExcept("systemUpdates")));

        assertFalse(raised.containsKey(RecommendationType.ApplySystemUpdates));
        assertFalse(raised.containsKey(RecommendationType.RebootAfterSystemUpdates));
    }

    @Test
    void raisesRebootWhenOneIsPending() {
        MachineState pending = updates(new StateReport.Updates(List.of(), true));

        assertTrue(machineRaised(LINUX, pending, COLLECTING).containsKey(RecommendationType.RebootAfterSystemUpdates));
        assertFalse(machineRaised(LINUX, updates(NO_UPDATE_MISSING), COLLECTING)
                .containsKey(RecommendationType.RebootAfterSystemUpdates));
    }

    @Test
    void raisesDiskEncryptionListingTheUnencryptedVolumes() {
        Raised raised =
                machineRaised(LINUX, disks(ROOT_UNENCRYPTED), COLLECTING).get(RecommendationType.ApplyDiskEncryption);

        assertEquals(Severity.High, raised.severity());
        assertEquals(
                List.of(new Details.Volume(UNENCRYPTED_ROOT.mount(), StateReport.VolumeKind.Os)),
                ((Details.UnencryptedVolumes) raised.details()).volumes());
    }

    @Test
    void doesNotRaiseDiskEncryptionWhenEveryVolumeIsEncrypted() {
        assertFalse(machineRaised(LINUX, disks(ALL_ENCRYPTED), COLLECTING)
                .containsKey(RecommendationType.ApplyDiskEncryption));
    }

    @Test
    void suppressesDiskEncryptionWhenTheSwitchIsOff() {
        assertFalse(machineRaised(LINUX, disks(ROOT_UNENCRYPTED), policyWith(allOnExcept("diskEncryption")))
                .containsKey(RecommendationType.ApplyDiskEncryption));
    }

    @Test
    void raisesEndpointProtectionForAnUnprotectedWindowsMachine() {
        Raised raised = machineRaised(WINDOWS, protection(NO_ANTIMALWARE), COLLECTING)
                .get(RecommendationType.InstallEndpointProtection);

        assertEquals(new Details.EndpointProtection(true, false, null), raised.details());
    }

    @Test
    void doesNotRaiseEndpointProtectionForLinuxOrAProtectedWindowsMachine() {
        assertFalse(machineRaised(LINUX, protection(NO_ANTIMALWARE), COLLECTING)
                .containsKey(RecommendationType.InstallEndpointProtection));
        assertFalse(machineRaised(WINDOWS, protection(DEFENDER), COLLECTING)
                .containsKey(RecommendationType.InstallEndpointProtection));
    }

    @Test
    void raisesEndpointProtectionForAWindowsMachineThatReportsItsStateButNeverItsProtection() {
        MachineState updatesOnly = updates(NO_UPDATE_MISSING);

        Raised raised =
                machineRaised(WINDOWS, updatesOnly, COLLECTING).get(RecommendationType.InstallEndpointProtection);

        assertEquals(Severity.High, raised.severity());
        assertEquals(new Details.EndpointProtection(false, null, null), raised.details());
        assertFalse(machineRaised(LINUX, updatesOnly, COLLECTING)
                .containsKey(RecommendationType.InstallEndpointProtection));
        assertFalse(machineRaised(WINDOWS, MachineState.EMPTY, COLLECTING)
                .containsKey(RecommendationType.InstallEndpointProtection));
    }

    @Test
    void suppressesEndpointProtectionWhenTheSwitchIsOff() {
        assertFalse(machineRaised(WINDOWS, protection(NO_ANTIMALWARE), policyWith(allOnExcept("endpointProtection")))
                .containsKey(RecommendationType.InstallEndpointProtection));
    }

    @Test
    void raisesOsVulnerabilitiesForFailedBaselineRules() {
        MachineState state = baseline(List.of(PASSWORD_AGE_PASSED, SSH_ROOT_LOGIN_FAILED));

        Raised raised = machineRaised(LINUX, state, COLLECTING).get(RecommendationType.RemediateOsVulnerabilities);

        assertEquals(Severity.High, raised.severity());
        assertEquals(
                List.of("ssh-root-login"),
                ((Details.FailedRules) raised.details())
                        .failedRules().stream().map(Details.Rule::ruleId).toList());
    }

    @Test
    void doesNotRaiseOsVulnerabilitiesWhenRulesPassOrTheSwitchIsOff() {
        assertFalse(machineRaised(LINUX, baseline(List.of(PASSWORD_AGE_PASSED)), COLLECTING)
                .containsKey(RecommendationType.RemediateOsVulnerabilities));
        assertFalse(machineRaised(
                        LINUX,
                        baseline(List.of(SSH_ROOT_LOGIN_FAILED)),
                        policyWith(allOnExcept("securityConfigurations")))
                .containsKey(RecommendationType.RemediateOsVulnerabilities));
    }

    @Test
    void raisesAssessmentNotInstalledWhenNoScannerIsInstalled() {
        MachineState none = assessment(new StateReport.VulnerabilityAssessment(false, null, List.of()));

        assertTrue(machineRaised(LINUX, none, COLLECTING)
                .containsKey(RecommendationType.VulnerabilityAssessmentNotInstalled));
        assertFalse(machineRaised(LINUX, none, policyWith(allOnExcept("vulnerabilityAssessment")))
                .containsKey(RecommendationType.VulnerabilityAssessmentNotInstalled));
    }

    @Test
    void raisesVulnerabilitiesSeverestFirstWithTheHighestSeverity() {
        MachineState found = assessment(
                new StateReport.VulnerabilityAssessment(true, "trivy", List.of(BIND_FINDING, LIBIDN_FINDING)));

        Raised raised = machineRaised(LINUX, found, COLLECTING).get(RecommendationType.RemediateVulnerabilities);

        assertEquals(Severity.High, raised.severity());
        Details.Vulnerabilities details = (Details.Vulnerabilities) raised.details();
        assertEquals(2, details.count());
        assertEquals(
                new Details.Vulnerability(
                        "CVE-2019-18224", "libidn2-0", "2.0.5-1", "2.0.5-1+deb10u1", StateReport.Severity.High),
                details.findings().get(0));
        assertEquals("CVE-2022-38177", details.findings().get(1).cve());
        assertFalse(machineRaised(LINUX, found, COLLECTING)
                .containsKey(RecommendationType.VulnerabilityAssessmentNotInstalled));
    }

    @Test
    void doesNotRaiseVulnerabilitiesWithoutFindingsOrWhenTheSwitchIsOff() {
        MachineState clean = assessment(new StateReport.VulnerabilityAssessment(true, "trivy", List.of()));
        MachineState found = assessment(new StateReport.VulnerabilityAssessment(true, "trivy", List.of(BIND_FINDING)));

        assertFalse(machineRaised(LINUX, clean, COLLECTING).containsKey(RecommendationType.RemediateVulnerabilities));
        assertFalse(machineRaised(LINUX, found, policyWith(allOnExcept("vulnerabilityAssessment")))
                .containsKey(RecommendationType.RemediateVulnerabilities));
    }

    @Test
    void raisesNothingForAMachineThatHasNotReported() {
        assertTrue(machineRaised(WINDOWS, MachineState.EMPTY, COLLECTING).isEmpty());
    }

    @Test
    void assessesEveryMachineTypeSoResolvedProblemsCanBeCleared() {
        Assessment machine = RecommendationEvaluator.evaluate(LINUX, MachineState.EMPTY, COLLECTING, NOW)
                .get(0);

        assertEquals(LINUX.resourceId(), machine.resourceId());
        assertTrue(machine.assessed().contains(RecommendationType.ApplySystemUpdates));
        assertFalse(machine.assessed().contains(RecommendationType.EnableDataCollection));
    }

    @Test
    void raisesDataCollectionOnTheSubscriptionWhenItDecidesOff() {
        EffectivePolicy off = policy(SUBSCRIPTION, RESOURCE_GROUP, Switch.Off, ValueSource.SUBSCRIPTION, ALL_ON);

        Assessment scope = RecommendationEvaluator.evaluate(LINUX, MachineState.EMPTY, off, NOW)
                .get(1);

        assertEquals("/subscriptions/sub-1", scope.resourceId());
        assertEquals(
                RecommendationType.EnableDataCollection, scope.raised().get(0).type());
        assertEquals(
                new Details.DataCollection("Off", "subscription"),
                scope.raised().get(0).details());
    }

    @Test
    void raisesDataCollectionOnTheResourceGroupWhenItOverridesOff() {
        EffectivePolicy off = policy(SUBSCRIPTION, RESOURCE_GROUP, Switch.Off, ValueSource.RESOURCE_GROUP, ALL_ON);

        Assessment scope = RecommendationEvaluator.evaluate(LINUX, MachineState.EMPTY, off, NOW)
                .get(1);

        assertEquals("/subscriptions/sub-1/resourceGroups/web-rg", scope.resourceId());
        assertEquals(1, scope.raised().size());
    }

    @Test
    void raisesNoDataCollectionWhenItIsOnButStillAssessesTheScope() {
        Assessment scope = RecommendationEvaluator.evaluate(LINUX, MachineState.EMPTY, COLLECTING, NOW)
                .get(1);

        assertTrue(scope.raised().isEmpty());
        assertEquals(Set.of(RecommendationType.EnableDataCollection), scope.assessed());
    }

    private static Map<RecommendationType, Raised> machineRaised(
            MachineFacts machine, MachineState state, EffectivePolicy policy) {
        return RecommendationEvaluator.evaluate(machine, state, policy, NOW).get(0).raised().stream()
                .collect(Collectors.toMap(Raised::type, Function.identity()));
    }

    private static EffectivePolicy policyWith(RecommendationSwitches switches) {
        return policy(SUBSCRIPTION, RESOURCE_GROUP, Switch.On, ValueSource.SUBSCRIPTION, switches);
    }

    private static MachineState updates(StateReport.Updates updates) {
        return merged(new StateReport(MONDAY, updates, null, null, null, null));
    }

    private static MachineState disks(StateReport.DiskEncryption disks) {
        return merged(new StateReport(MONDAY, null, null, disks, null, null));
    }

    private static MachineState protection(StateReport.EndpointProtection protection) {
        return merged(new StateReport(MONDAY, null, protection, null, null, null));
    }

    private static MachineState baseline(List<StateReport.RuleOutcome> results) {
        return merged(new StateReport(MONDAY, null, null, null, new StateReport.Baseline(results), null));
    }

    private static MachineState assessment(StateReport.VulnerabilityAssessment assessment) {
        return merged(new StateReport(MONDAY, null, null, null, null, assessment));
    }

    private static MachineState merged(StateReport report) {
        return MachineState.EMPTY.merge(report, MONDAY);
    }
}
