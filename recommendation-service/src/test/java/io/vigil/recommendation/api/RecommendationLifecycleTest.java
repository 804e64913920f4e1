package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.ALL_ENCRYPTED;
import static io.vigil.recommendation.TestData.CLEAN_SCAN;
import static io.vigil.recommendation.TestData.FAILING_BASELINE;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.NO_ANTIMALWARE;
import static io.vigil.recommendation.TestData.NO_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.PASSING_BASELINE;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.TUESDAY;
import static io.vigil.recommendation.TestData.TWO_FINDINGS;
import static io.vigil.recommendation.TestData.WEDNESDAY;
import static io.vigil.recommendation.TestData.defender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.state.StateReport;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each machine recommendation type is raised by a report that shows its problem, resolved by a later one that shows it
 * fixed, and reopened under the same id when the problem returns.
 */
@QuarkusTest
class RecommendationLifecycleTest {

    private static final StateReport.VulnerabilityAssessment NO_SCANNER =
            new StateReport.VulnerabilityAssessment(false, null, null);
    private static final StateReport.EndpointProtection DEFENDER = defender(Instant.now());

    @Inject
    ObjectMapper json;

    private TestMessages messages;
    private String subscription;

    @BeforeEach
    void newSubscription() {
        Callers.everyRequestAsAdmin();
        messages = new TestMessages(json);
        subscription = "sub-" + UUID.randomUUID();
    }

    static Stream<Arguments> problemsAndTheirFixes() {
        return Stream.of(
                Arguments.of(
                        "ApplySystemUpdates",
                        "Linux",
                        "Medium",
                        collected(at -> report(at, ONE_SECURITY_UPDATE_MISSING, null, null, null, CLEAN_SCAN)),
                        collected(at -> report(at, NO_UPDATE_MISSING, null, null, null, CLEAN_SCAN)),
                        Map.of("details.updates[0].id", "DSA-5343-1")),
                Arguments.of(
                        "RebootAfterSystemUpdates",
                        "Windows",
                        "Medium",
                        collected(at ->
                                report(at, new StateReport.Updates(List.of(), true), DEFENDER, null, null, CLEAN_SCAN)),
                        collected(at -> report(at, NO_UPDATE_MISSING, DEFENDER, null, null, CLEAN_SCAN)),
                        Map.of("details.rebootPending", "true")),
                Arguments.of(
                        "InstallEndpointProtection",
                        "Windows",
                        "High",
                        collected(at -> report(at, null, NO_ANTIMALWARE, null, null, CLEAN_SCAN)),
                        collected(at -> report(at, null, DEFENDER, null, null, CLEAN_SCAN)),
                        Map.of("details.installed", "false")),
                Arguments.of(
                        "ApplyDiskEncryption",
                        "Linux",
                        "High",
                        collected(at -> report(at, null, null, ROOT_UNENCRYPTED, null, CLEAN_SCAN)),
                        collected(at -> report(at, null, null, ALL_ENCRYPTED, null, CLEAN_SCAN)),
                        Map.of("details.volumes[0].mount", "/", "details.volumes[0].kind", "Os")),
                Arguments.of(
                        "RemediateOsVulnerabilities",
                        "Linux",
                        "High",
                        collected(at -> report(at, null, null, null, FAILING_BASELINE, CLEAN_SCAN)),
                        collected(at -> report(at, null, null, null, PASSING_BASELINE, CLEAN_SCAN)),
                        Map.of(
                                "details.failedRules[0].ruleId", "ssh-root-login",
                                "details.failedRules[0].expected", "PermitRootLogin no",
                                "details.failedRules[0].actual", "PermitRootLogin yes")),
                Arguments.of(
                        "VulnerabilityAssessmentNotInstalled",
                        "Linux",
                        "Medium",
                        collected(at -> report(at, null, null, null, null, NO_SCANNER)),
                        collected(at -> report(at, null, null, null, null, CLEAN_SCAN)),
                        Map.of("details.installed", "false")),
                Arguments.of(
                        "RemediateVulnerabilities",
                        "Linux",
                        "High",
                        collected(at -> report(at, null, null, null, null, TWO_FINDINGS)),
                        collected(at -> report(at, null, null, null, null, CLEAN_SCAN)),
                        Map.of(
                                "details.count", "2",
                                "details.findings[0].cve", "CVE-2019-18224",
                                "details.findings[0].package", "libidn2-0",
                                "details.findings[0].fixedVersion", "2.0.5-1+deb10u1",
                                "details.findings[1].cve", "CVE-2022-38177")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problemsAndTheirFixes")
    void raisesOnTheProblemResolvesOnTheFixAndReopensWithTheSameId(
            String type,
            String osType,
            String severity,
            Function<Instant, StateReport> problem,
            Function<Instant, StateReport> fix,
            Map<String, String> evidence) {
        MachineRef machine = new MachineRef(subscription, "rg", "vm-" + type.toLowerCase());
        messages.deliver(
                messages.registered(machine, osType),
                messages.agentStatus(machine, "Reporting"),
                messages.reported(machine, osType, problem.apply(MONDAY)));

        JsonPath raised = one(type);
        assertEquals("Active", raised.getString("state"));
        assertEquals(severity, raised.getString("severity"));
        evidence.forEach((path, value) -> assertEquals(value, raised.getString(path), path));
        assertTrue(raised.getList("remediationSteps").size() >= 2);

        messages.deliver(messages.reported(machine, osType, fix.apply(TUESDAY)));
        JsonPath resolved = one(type);
        assertEquals("Resolved", resolved.getString("state"));
        assertEquals(raised.getString("id"), resolved.getString("id"));

        messages.deliver(messages.reported(machine, osType, problem.apply(WEDNESDAY)));
        JsonPath reopened = one(type);
        assertEquals("Active", reopened.getString("state"));
        assertEquals(raised.getString("id"), reopened.getString("id"));
        assertEquals(raised.getString("firstSeen"), reopened.getString("firstSeen"));
        assertNotEquals(resolved.getString("stateChangedAt"), reopened.getString("stateChangedAt"));
    }

    @Test
    void raisesEnableVmAgentWhenTheAgentGoesSilentAndResolvesItWhenItReturns() {
        MachineRef machine = new MachineRef(subscription, "rg", "quiet-01");
        messages.deliver(
                messages.registered(machine, "Linux"),
                messages.agentStatus(machine, "Reporting"),
                messages.agentStatus(machine, "Unresponsive"));

        JsonPath raised = one("EnableVmAgent");
        assertEquals("Active", raised.getString("state"));
        assertEquals("High", raised.getString("severity"));
        assertEquals("Unresponsive", raised.getString("details.agentStatus"));

        messages.deliver(messages.agentStatus(machine, "Reporting"));
        assertEquals("Resolved", one("EnableVmAgent").getString("state"));
    }

    @Test
    void raisesEnableVmAgentForAMachineNoAgentSpokeForSinceLongBefore() {
        MachineRef machine = new MachineRef(subscription, "rg", "never-01");

        messages.deliver(messages.registeredAt(
                TestMessages.nextId(), machine, "Linux", Instant.now().minusSeconds(16 * 60)));

        assertEquals("NeverReported", one("EnableVmAgent").getString("details.agentStatus"));
    }

    private JsonPath one(String type) {
        return given().queryParam("type", type)
                .when()
                .get("/api/v1/subscriptions/{sub}/recommendations", subscription)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("value[0]");
    }

    /** A report as collected at a given time; the parameter gives the lambdas of the case table their type. */
    private static Function<Instant, StateReport> collected(Function<Instant, StateReport> report) {
        return report;
    }

    private static StateReport report(
            Instant at,
            StateReport.Updates updates,
            StateReport.EndpointProtection protection,
            StateReport.DiskEncryption disks,
            StateReport.Baseline baseline,
            StateReport.VulnerabilityAssessment assessment) {
        return new StateReport(at, updates, protection, disks, baseline, assessment);
    }
}
