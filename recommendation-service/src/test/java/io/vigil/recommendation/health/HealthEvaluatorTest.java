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
import java.util.List;
import java.util.Map;
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
                        LINUX, state, off, RecommendationEvaluator.evaluateMachine(LINUX, state, off, NOW), NOW)
                .controls();

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
    void aWindowsMachineThatReportsItsStateButNeverItsProtectionIsUnhealthyUntilItDoes() {
        MachineState withoutProtection =
                state(new StateReport(NOW, ONE_SECURITY_UPDATE_MISSING, null, null, null, CLEAN_SCAN));

        HealthJudgment windows = judgment(WINDOWS, withoutProtection, ALL_ON);

        assertEquals(HealthState.Unhealthy, windows.controls().endpointProtection());
        assertEquals(
                List.of("The machine reports its state but never whether endpoint protection is installed"),
                windows.reasons().get("endpointProtection"));
        assertEquals(
                HealthState.NotApplicable,
                health(LINUX, withoutProtection, ALL_ON).endpointProtection());
        assertEquals(
                HealthState.NotApplicable,
                health(WINDOWS, MachineState.EMPTY, ALL_ON).endpointProtection(),
                "a machine that reported nothing is left to its agent");
        assertEquals(
                HealthState.NotApplicable,
                health(WINDOWS, withoutProtection, allOnExcept("endpointProtection"))
                        .endpointProtection());
    }

    @Test
    void namesWhyEndpointProtectionIsUnhealthyWhenNoRecommendationSaysIt() {
        MachineState off = state(endpoint(protection(false, NOW.minus(Duration.ofHours(1)))));
        MachineState stale = state(endpoint(protection(true, NOW.minus(Duration.ofDays(8)))));
        MachineState both = state(endpoint(protection(false, NOW.minus(Duration.ofDays(8)))));
        MachineState none = state(endpoint(new StateReport.EndpointProtection(false, null, null, null)));

        assertEquals(
                Map.of("endpointProtection", List.of("Real-time protection is off")),
                judgment(WINDOWS, off, ALL_ON).reasons());
        assertEquals(
                Map.of("endpointProtection", List.of("Antimalware signatures were last updated 7 days ago or more")),
                judgment(LINUX, stale, ALL_ON).reasons());
        assertEquals(
                List.of("Real-time protection is off", "Antimalware signatures were last updated 7 days ago or more"),
                judgment(WINDOWS, both, ALL_ON).reasons().get("endpointProtection"));
        assertEquals(
                List.of("No endpoint protection is installed"),
                judgment(WINDOWS, none, ALL_ON).reasons().get("endpointProtection"));
    }

    @Test
    void givesEveryUnhealthyControlItsReasonsAndNoneToTheOthers() {
        MachineState state =
                state(new StateReport(NOW, ONE_SECURITY_UPDATE_MISSING, null, ROOT_UNENCRYPTED, null, CLEAN_SCAN));

        HealthJudgment judgment = judgment(LINUX, state, ALL_ON);

        assertEquals(
                Map.of(
                        "systemUpdates", List.of("Security or critical updates are missing"),
                        "diskEncryption", List.of("A volume is not encrypted")),
                judgment.reasons());
        assertEquals(
                Map.of("vmAgent", List.of("The agent has gone silent")),
                judgment(
                                facts("Linux", "Unresponsive"),
                                state(new StateReport(NOW, null, null, null, null, CLEAN_SCAN)),
                                ALL_ON)
                        .reasons());
        assertEquals(
                Map.of("diskEncryption", List.of("A volume is not encrypted")),
                judgment(LINUX, state, allOnExcept("systemUpdates")).reasons(),
                "a control the policy turns off has no reasons");
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
        return judgment(machine, state, switches).controls();
    }

    private static HealthJudgment judgment(MachineFacts machine, MachineState state, RecommendationSwitches switches) {
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
