package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.ALL_ON;
import static io.vigil.recommendation.TestData.FAILING_BASELINE;
import static io.vigil.recommendation.TestData.KERNEL_CRITICAL_UPDATE;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.NO_ANTIMALWARE;
import static io.vigil.recommendation.TestData.NO_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.TWO_FINDINGS;
import static io.vigil.recommendation.TestData.policy;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.common.state.StateReport;
import io.vigil.recommendation.model.RecommendationIds;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every type of the catalogue, raised on one small fleet and read back one at a time as a person would: its evidence in
 * {@code details}, and the catalogue's remediation steps, which tell Linux and Windows apart where both can have it.
 */
@QuarkusTest
class RecommendationCatalogueTest {

    /**
     * The systems each type's steps must name: data collection is a scope's setting, not a machine's; endpoint
     * protection is recommended to Windows machines only; every other type can be raised on either system.
     */
    private static final Map<RecommendationType, List<String>> SYSTEMS = Map.of(
            RecommendationType.EnableDataCollection, List.of(),
            RecommendationType.InstallEndpointProtection, List.of("Windows"));

    private static final StateReport.VulnerabilityAssessment NO_SCANNER =
            new StateReport.VulnerabilityAssessment(false, null, null);

    @Inject
    ObjectMapper json;

    private String subscription;
    private MachineRef win01;
    private MachineRef lin01;
    private MachineRef old01;
    private String darkGroup;

    /**
     * win01 (Windows) misses a Critical update, waits for a reboot, has no antimalware, an unencrypted root volume, a
     * failing baseline rule and two vulnerabilities; lin01 (Linux) says no assessment solution is installed; old01
     * was registered 16 minutes ago and never heard from; the resource group Dark turns data collection off.
     */
    @BeforeEach
    void aFleetWithEveryProblem() {
        Callers.everyRequestAsAdmin();
        TestMessages messages = new TestMessages(json);
        subscription = "sub-" + UUID.randomUUID();
        win01 = new MachineRef(subscription, "Servers", "win01");
        lin01 = new MachineRef(subscription, "Servers", "lin01");
        old01 = new MachineRef(subscription, "Servers", "old01");
        MachineRef dark01 = new MachineRef(subscription, "Dark", "dark01");
        darkGroup = dark01.resourceGroupId();
        PolicyStub.set(policy(subscription, "Dark", Switch.Off, ValueSource.RESOURCE_GROUP, ALL_ON));
        messages.deliver(
                messages.registered(win01, "Windows"),
                messages.agentStatus(win01, "Reporting"),
                messages.reported(
                        win01,
                        "Windows",
                        new StateReport(
                                MONDAY,
                                new StateReport.Updates(List.of(KERNEL_CRITICAL_UPDATE), true),
                                NO_ANTIMALWARE,
                                ROOT_UNENCRYPTED,
                                FAILING_BASELINE,
                                TWO_FINDINGS)),
                messages.registered(lin01, "Linux"),
                messages.agentStatus(lin01, "Reporting"),
                messages.reported(
                        lin01, "Linux", new StateReport(MONDAY, NO_UPDATE_MISSING, null, null, null, NO_SCANNER)),
                messages.registeredAt(
                        TestMessages.nextId(), old01, "Linux", Instant.now().minus(Duration.ofMinutes(16))),
                messages.registered(dark01, "Linux"));
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void everyTypeCarriesItsEvidenceAndTheCataloguesStepsForEachSystem() {
        Map<RecommendationType, String> resources = new EnumMap<>(RecommendationType.class);
        Map<RecommendationType, Map<String, Object>> evidence = new EnumMap<>(RecommendationType.class);
        resources.put(RecommendationType.EnableDataCollection, darkGroup);
        evidence.put(
                RecommendationType.EnableDataCollection,
                Map.of("severity", "High", "details.dataCollection", "Off", "details.decidedBy", "resourceGroup"));
        resources.put(RecommendationType.RemediateOsVulnerabilities, win01.resourceId());
        evidence.put(
                RecommendationType.RemediateOsVulnerabilities,
                ordered(
                        "severity", "High",
                        "details.failedRules.size()", 1,
                        "details.failedRules[0].ruleId", "ssh-root-login",
                        "details.failedRules[0].expected", "PermitRootLogin no",
                        "details.failedRules[0].actual", "PermitRootLogin yes"));
        resources.put(RecommendationType.ApplySystemUpdates, win01.resourceId());
        evidence.put(
                RecommendationType.ApplySystemUpdates,
                ordered(
                        "severity", "High",
                        "details.updates[0].id", "KB5034441",
                        "details.updates[0].classification", "Critical",
                        "details.updates[0].cves[0]", "CVE-2024-20666"));
        resources.put(RecommendationType.RebootAfterSystemUpdates, win01.resourceId());
        evidence.put(
                RecommendationType.RebootAfterSystemUpdates,
                Map.of("severity", "Medium", "details.rebootPending", true));
        resources.put(RecommendationType.InstallEndpointProtection, win01.resourceId());
        evidence.put(
                RecommendationType.InstallEndpointProtection,
                Map.of("severity", "High", "details.reported", true, "details.installed", false));
        resources.put(RecommendationType.EnableVmAgent, old01.resourceId());
        evidence.put(
                RecommendationType.EnableVmAgent, Map.of("severity", "High", "details.agentStatus", "NeverReported"));
        resources.put(RecommendationType.ApplyDiskEncryption, win01.resourceId());
        evidence.put(
                RecommendationType.ApplyDiskEncryption,
                ordered(
                        "severity", "High",
                        "details.volumes.size()", 1,
                        "details.volumes[0].mount", "/",
                        "details.volumes[0].kind", "Os"));
        resources.put(RecommendationType.VulnerabilityAssessmentNotInstalled, lin01.resourceId());
        evidence.put(
                RecommendationType.VulnerabilityAssessmentNotInstalled,
                Map.of("severity", "Medium", "details.installed", false));
        resources.put(RecommendationType.RemediateVulnerabilities, win01.resourceId());
        evidence.put(
                RecommendationType.RemediateVulnerabilities,
                ordered(
                        "severity", "High",
                        "details.count", 2,
                        "details.findings[0].cve", "CVE-2019-18224",
                        "details.findings[0].package", "libidn2-0",
                        "details.findings[0].installedVersion", "2.0.5-1",
                        "details.findings[0].fixedVersion", "2.0.5-1+deb10u1",
                        "details.findings[1].cve", "CVE-2022-38177"));

        assertEquals(EnumSet.allOf(RecommendationType.class), evidence.keySet(), "every type has its case");
        List<Executable> checks = evidence.entrySet().stream()
                .map(entry -> (Executable) () -> check(entry.getKey(), resources.get(entry.getKey()), entry.getValue()))
                .toList();
        assertAll(checks);
    }

    private void check(RecommendationType type, String resourceId, Map<String, Object> expected) {
        JsonPath found = given().when()
                .get(
                        "/api/v1/subscriptions/{sub}/recommendations/{id}",
                        subscription,
                        RecommendationIds.of(resourceId, type))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertEquals("Active", found.getString("state"), type + " is raised");
        assertEquals(type.displayName(), found.getString("displayName"));
        expected.forEach((path, value) -> assertEquals(value, found.get(path), type + " " + path));
        List<String> steps = found.getList("remediationSteps");
        assertEquals(type.remediationSteps(), steps, type + " shows the catalogue's steps");
        List<String> systems = SYSTEMS.getOrDefault(type, List.of("Linux", "Windows"));
        for (String system : List.of("Linux", "Windows")) {
            assertEquals(
                    systems.contains(system),
                    steps.stream().anyMatch(step -> step.startsWith(system + ":") || step.startsWith(system + " (")),
                    type
                            + (systems.contains(system) ? " needs a step for " : " is not raised on machines of ")
                            + system);
        }
    }

    /** The evidence in the order it is listed, so a failure names the first path that differs. */
    private static Map<String, Object> ordered(Object... pathsAndValues) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            evidence.put((String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return evidence;
    }
}
