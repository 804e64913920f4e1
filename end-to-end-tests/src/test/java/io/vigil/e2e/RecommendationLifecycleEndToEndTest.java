package io.vigil.e2e;

import static io.restassured.RestAssured.given;
import static io.vigil.e2e.VigilApi.AUTHORIZATION;
import static io.vigil.e2e.VigilApi.INGESTION_KEY;
import static io.vigil.e2e.VigilApi.activeResources;
import static io.vigil.e2e.VigilApi.collector;
import static io.vigil.e2e.VigilApi.configureSubscription;
import static io.vigil.e2e.VigilApi.heartbeat;
import static io.vigil.e2e.VigilApi.ingestionKey;
import static io.vigil.e2e.VigilApi.newSubscription;
import static io.vigil.e2e.VigilApi.policy;
import static io.vigil.e2e.VigilApi.postReport;
import static io.vigil.e2e.VigilApi.recommendationOn;
import static io.vigil.e2e.VigilApi.registerMachine;
import static io.vigil.e2e.VigilApi.resource;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.testing.TestTokens;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each recommendation raised from what an agent, a scanner or a person sends to the running stack, and resolved by what
 * they send next: a later report, a later scan, a heartbeat, a policy change.
 */
class RecommendationLifecycleEndToEndTest {

    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);
    /** The shortest silence a policy allows is a minute; the collector and this service look every second. */
    private static final Duration AGENT_BOUND = Duration.ofMinutes(3);

    private static final String GROUP = "fleet";
    private static final String GROUP_POLICY = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/policy";

    @BeforeAll
    static void startStack() throws IOException, SQLException {
        VigilStack.running();
    }

    @Test
    void aPendingRebootRaisesRebootAfterSystemUpdatesUntilALaterReportShowsNone() throws IOException {
        Machine machine = collectingMachine("web-01", "Linux");

        postReport(machine.sub(), machine.agentKey(), GROUP, "web-01", "reports/reboot-pending.json");
        awaitState(machine, "RebootAfterSystemUpdates", "Active");
        assertEquals(
                "true",
                recommendationOn(machine.sub(), "RebootAfterSystemUpdates", machine.resourceId())
                        .getString("details.rebootPending"));

        postReport(machine.sub(), machine.agentKey(), GROUP, "web-01", "reports/up-to-date.json");
        awaitState(machine, "RebootAfterSystemUpdates", "Resolved");
    }

    @Test
    void aWindowsMachineWithoutAntimalwareGetsInstallEndpointProtectionUntilItReportsProtection() throws IOException {
        Machine machine = collectingMachine("win-01", "Windows");

        postReport(machine.sub(), machine.agentKey(), GROUP, "win-01", "reports/windows-without-antimalware.json");
        awaitState(machine, "InstallEndpointProtection", "Active");
        assertEquals(
                "false",
                recommendationOn(machine.sub(), "InstallEndpointProtection", machine.resourceId())
                        .getString("details.installed"));

        postReport(machine.sub(), machine.agentKey(), GROUP, "win-01", "reports/windows-defender-on.json");
        awaitState(machine, "InstallEndpointProtection", "Resolved");
    }

    @Test
    void noAssessmentSolutionRaisesVulnerabilityAssessmentNotInstalledUntilAScannerReports() throws IOException {
        Machine machine = collectingMachine("db-01", "Linux");

        postReport(machine.sub(), machine.agentKey(), GROUP, "db-01", "reports/no-assessment-solution.json");
        awaitState(machine, "VulnerabilityAssessmentNotInstalled", "Active");

        given().header(INGESTION_KEY, machine.agentKey())
                .contentType(ContentType.JSON)
                .queryParam("format", "trivy")
                .body(resource("reports/trivy-nothing-found.json"))
                .when()
                .post(
                        collector("/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}/scans"),
                        machine.sub(),
                        GROUP,
                        "db-01")
                .then()
                .statusCode(202);
        awaitState(machine, "VulnerabilityAssessmentNotInstalled", "Resolved");
    }

    @Test
    void anUnencryptedVolumeRaisesApplyDiskEncryptionUntilALaterReportShowsItEncrypted() throws IOException {
        Machine machine = collectingMachine("files-01", "Linux");

        postReport(machine.sub(), machine.agentKey(), GROUP, "files-01", "reports/unencrypted-data-volume.json");
        awaitState(machine, "ApplyDiskEncryption", "Active");
        assertEquals(
                "/srv/data",
                recommendationOn(machine.sub(), "ApplyDiskEncryption", machine.resourceId())
                        .getString("details.volumes[0].mount"));

        postReport(machine.sub(), machine.agentKey(), GROUP, "files-01", "reports/all-volumes-encrypted.json");
        awaitState(machine, "ApplyDiskEncryption", "Resolved");
    }

    @Test
    void dataCollectionTurnedOffIsRecommendedOnItsScopeAndResolvedByThePolicyChangeThatTurnsItOn() {
        String sub = newSubscription();
        configureSubscription(sub, "Off", "Free");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, GROUP, "dark-01", "Linux");
        heartbeat(sub, agentKey, GROUP, "dark-01");
        String subscription = "/subscriptions/" + sub;
        String group = subscription + "/resourceGroups/" + GROUP;
        await().atMost(DELIVERY_BOUND)
                .until(() -> activeResources(sub, "EnableDataCollection"), List.of(subscription)::equals);

        configureSubscription(sub, "On", "Free");
        await().atMost(DELIVERY_BOUND)
                .until(() -> stateOn(sub, "EnableDataCollection", subscription), "Resolved"::equals);

        groupPolicy(sub)
                .body(Map.of("dataCollection", "Off"))
                .when()
                .put(policy(GROUP_POLICY), sub, GROUP)
                .then()
                .statusCode(200);
        await().atMost(DELIVERY_BOUND)
                .until(() -> activeResources(sub, "EnableDataCollection"), List.of(group)::equals);

        groupPolicy(sub).when().delete(policy(GROUP_POLICY), sub, GROUP).then().statusCode(204);
        await().atMost(DELIVERY_BOUND).until(() -> stateOn(sub, "EnableDataCollection", group), "Resolved"::equals);
        assertEquals(List.of(), activeResources(sub, "EnableDataCollection"));
    }

    @Test
    void anAgentThatFallsSilentAndOneThatNeverSpokeGetEnableVmAgentUntilEachSendsAHeartbeat() {
        String sub = newSubscription();
        configureSubscription(sub, Map.of("dataCollection", "On", "agentSilenceMinutes", 1));
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, GROUP, "quiet-01", "Linux");
        heartbeat(sub, agentKey, GROUP, "quiet-01");
        registerMachine(sub, agentKey, GROUP, "late-01", "Linux");
        String quiet = "/subscriptions/" + sub + "/resourceGroups/" + GROUP + "/machines/quiet-01";
        String late = "/subscriptions/" + sub + "/resourceGroups/" + GROUP + "/machines/late-01";

        await().atMost(AGENT_BOUND)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> activeResources(sub, "EnableVmAgent"), List.of(late, quiet)::equals);
        assertEquals(
                "Unresponsive", recommendationOn(sub, "EnableVmAgent", quiet).getString("details.agentStatus"));
        assertEquals(
                "NeverReported", recommendationOn(sub, "EnableVmAgent", late).getString("details.agentStatus"));

        heartbeat(sub, agentKey, GROUP, "quiet-01");
        heartbeat(sub, agentKey, GROUP, "late-01");

        await().atMost(DELIVERY_BOUND).until(() -> stateOn(sub, "EnableVmAgent", quiet), "Resolved"::equals);
        await().atMost(DELIVERY_BOUND).until(() -> stateOn(sub, "EnableVmAgent", late), "Resolved"::equals);
    }

    /** A machine of a subscription that collects data, and its agent's key. */
    private record Machine(String sub, String agentKey, String resourceId) {}

    private static Machine collectingMachine(String name, String osType) {
        String sub = newSubscription();
        configureSubscription(sub, "On", "Free");
        String agentKey = ingestionKey(sub);
        registerMachine(sub, agentKey, GROUP, name, osType);
        heartbeat(sub, agentKey, GROUP, name);
        return new Machine(sub, agentKey, "/subscriptions/" + sub + "/resourceGroups/" + GROUP + "/machines/" + name);
    }

    private static void awaitState(Machine machine, String type, String state) {
        await().atMost(DELIVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> stateOn(machine.sub(), type, machine.resourceId()), state::equals);
    }

    private static String stateOn(String sub, String type, String resourceId) {
        return recommendationOn(sub, type, resourceId).getString("state");
    }

    private static RequestSpecification groupPolicy(String sub) {
        return given().header(AUTHORIZATION, TestTokens.bearer(TestTokens.admin(sub)))
                .contentType(ContentType.JSON);
    }
}
