package io.vigil.recommendation.health;

import static io.vigil.recommendation.TestData.ALL_ON;
import static io.vigil.recommendation.TestData.CLEAN_SCAN;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.allOnExcept;
import static io.vigil.recommendation.TestData.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.common.state.StateReport;
import io.vigil.recommendation.evaluation.MachineFacts;
import io.vigil.recommendation.evaluation.RecommendationEvaluator;
import io.vigil.recommendation.state.MachineState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant REGISTERED = NOW.minus(Duration.ofDays(30));
    private static final MachineFacts LINUX = facts("Linux", "Reporting");
    private static final MachineFacts WINDOWS = facts("Windows", "Reporting");

    @Test
    void judgesEachControlFromWhatTheMachineReported() {
        MachineState state =
                state(new StateReport(NOW, ONE_SECURITY_UPDATE_MISSING, null, ROOT_UNENCRYPTED, null, CLEAN_SCAN));

        MachineHealth health = health(LINUX, state, ALL_ON);

        assertEquals(HealthState.Unhealthy, health.systemUpdates());
        assertEquals(HealthState.Unhealthy, health.diskEncryption());
        assertEquals(HealthState.NotApplicable, health.securityConfigurations());
        assertEquals(HealthState.NotApplicable, health.endpointProtection());
        assertEquals(HealthState.Healthy, health.vmAgent());
        assertEquals(HealthState.Healthy, health.vulnerabilityAssessment());
        assertEquals(HealthState.Unhealthy, health.overall());
    }

    @Test
    void aControlThePolicyTurnsOffIsNotApplicable() {
        MachineState state = state(new StateReport(NOW, ONE_SECURITY_UPDATE_MISSING, null, null, null, CLEAN_SCAN));

        MachineHealth health = health(LINUX, state, allOnExcept("systemUpdates"));

        assertEquals(HealthState.NotApplicable, health.systemUpdates());
        assertEquals(HealthState.Healthy, health.overall());
    }

    @Test
    void nothingIsJudgedWhereDataCollectionIsOff() {
        MachineState state = state(new StateReport(NOW, ONE_SECURITY_UPDATE_MISSING, null, null, null, CLEAN_SCAN));
        EffectivePolicy off = policy("sub-1", "rg", Switch.Off, ValueSource.SUBSCRIPTION, ALL_ON);

        MachineHealth health = HealthEvaluator.evaluate(
                LINUX, state, off, RecommendationEvaluator.evaluateMachine(LINUX, state, off, NOW), NOW);

        assertEquals(HealthState.NotApplicable, health.systemUpdates());
        assertEquals(HealthState.NotApplicable, health.vmAgent());
        assertEquals(HealthState.NotApplicable, health.overall());
    }

    @Test
    void windowsWithoutAntimalwareIsUnhealthyAndLinuxWithoutOneIsNotApplicable() {
        MachineState none = state(endpoint(new StateReport.EndpointProtection(false, null, null, null)));

        assertEquals(HealthState.Unhealthy, health(WINDOWS, none, ALL_ON).endpointProtection());
        assertEquals(HealthState.NotApplicable, health(LINUX, none, ALL_ON).endpointProtection());
    }

    @Test
    void realTimeProtectionOffOrSignaturesOlderThanSevenDaysAreUnhealthyOnEitherSystem() {
        MachineState off = state(endpoint(protection(false, NOW.minus(Duration.ofHours(1)))));
        MachineState stale = state(endpoint(protection(true, NOW.minus(Duration.ofDays(7)))));
        MachineState fresh =
                state(endpoint(protection(true, NOW.minus(Duration.ofDays(7)).plusSeconds(1))));

        assertEquals(HealthState.Unhealthy, health(WINDOWS, off, ALL_ON).endpointProtection());
        assertEquals(HealthState.Unhealthy, health(WINDOWS, stale, ALL_ON).endpointProtection());
        assertEquals(HealthState.Unhealthy, health(LINUX, stale, ALL_ON).endpointProtection());
        assertEquals(HealthState.Healthy, health(WINDOWS, fresh, ALL_ON).endpointProtection());
        assertEquals(HealthState.Healthy, health(LINUX, fresh, ALL_ON).endpointProtection());
    }

    @Test
    void anAgentThatWentSilentIsUnhealthy() {
        MachineState state = state(new StateReport(NOW, null, null, null, null, CLEAN_SCAN));

        assertEquals(
                HealthState.Unhealthy,
                health(facts("Linux", "Unresponsive"), state, ALL_ON).vmAgent());
    }

    @Test
    void aMachineNeverHeardFromHasOnlyItsAgentToJudge() {
        MachineHealth health = health(facts("Linux", null), MachineState.EMPTY, ALL_ON);

        assertEquals(HealthState.Unhealthy, health.vmAgent());
        assertEquals(HealthState.NotApplicable, health.vulnerabilityAssessment());
        assertEquals(HealthState.Unhealthy, health.overall());
    }

    @Test
    void isJudgedAgainWhenTheSignaturesTurnStaleOrTheAgentIsDue() {
        Instant updated = NOW.minus(Duration.ofDays(2));
        MachineState state = state(endpoint(protection(true, updated)));
        MachineFacts justRegistered = new MachineFacts("/x", "Linux", NOW.minusSeconds(60), null, null);

        assertEquals(updated.plus(Duration.ofDays(7)), HealthEvaluator.reevaluateAt(WINDOWS, state, collecting(), NOW));
        assertEquals(
                NOW.minusSeconds(60).plus(Duration.ofMinutes(15)),
                HealthEvaluator.reevaluateAt(justRegistered, MachineState.EMPTY, collecting(), NOW));
        assertNull(HealthEvaluator.reevaluateAt(LINUX, MachineState.EMPTY, collecting(), NOW));
    }

    private static MachineHealth health(MachineFacts machine, MachineState state, RecommendationSwitches switches) {
        EffectivePolicy policy = policy("sub-1", "rg", Switch.On, ValueSource.SUBSCRIPTION, switches);
        return HealthEvaluator.evaluate(
                machine, state, policy, RecommendationEvaluator.evaluateMachine(machine, state, policy, NOW), NOW);
    }

    private static EffectivePolicy collecting() {
        return policy("sub-1", "rg", Switch.On, ValueSource.SUBSCRIPTION, ALL_ON);
    }

    private static MachineFacts facts(String osType, String agentStatus) {
        return new MachineFacts(
                "/subscriptions/sub-1/resourceGroups/rg/machines/m", osType, REGISTERED, agentStatus, NOW);
    }

    private static StateReport.EndpointProtection protection(boolean realTime, Instant signatures) {
        return new StateReport.EndpointProtection(true, "Microsoft Defender", realTime, signatures);
    }

    private static StateReport endpoint(StateReport.EndpointProtection protection) {
        return new StateReport(NOW, null, protection, null, null, CLEAN_SCAN);
    }

    private static MachineState state(StateReport report) {
        return MachineState.EMPTY.merge(report, NOW);
    }
}
