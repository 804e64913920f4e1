package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.ALL_ENCRYPTED;
import static io.vigil.recommendation.TestData.CLEAN_SCAN;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.NO_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static io.vigil.recommendation.TestData.PASSWORD_AGE_PASSED;
import static io.vigil.recommendation.TestData.ROOT_UNENCRYPTED;
import static io.vigil.recommendation.TestData.TUESDAY;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.state.StateReport;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health view of three machines: web01 (Linux) misses a security update and has an unencrypted root volume; dc01
 * (Windows) runs Defender with real-time protection off; db01 (Linux) is clean and passes its baseline.
 */
@QuarkusTest
class HealthResourceTest {

    private static final String HEALTH = "/api/v1/subscriptions/{sub}/machines/health";
    private static final String SUMMARY = "/api/v1/subscriptions/{sub}/securityHealth";

    @Inject
    ObjectMapper json;

    private String subscription;

    @BeforeEach
    void threeMachines() {
        Callers.everyRequestAsAdmin();
        TestMessages messages = new TestMessages(json);
        subscription = "sub-" + UUID.randomUUID();
        MachineRef web01 = new MachineRef(subscription, "Web", "web01");
        MachineRef dc01 = new MachineRef(subscription, "Dc", "dc01");
        MachineRef db01 = new MachineRef(subscription, "Data", "db01");
        StateReport.EndpointProtection realTimeOff =
                new StateReport.EndpointProtection(true, "Microsoft Defender", false, Instant.now());
        messages.deliver(
                messages.registered(web01, "Linux"),
                messages.agentStatus(web01, "Reporting"),
                messages.reported(
                        web01,
                        "Linux",
                        new StateReport(MONDAY, ONE_SECURITY_UPDATE_MISSING, null, ROOT_UNENCRYPTED, null, CLEAN_SCAN)),
                messages.registered(dc01, "Windows"),
                messages.agentStatus(dc01, "Reporting"),
                messages.reported(
                        dc01,
                        "Windows",
                        new StateReport(MONDAY, NO_UPDATE_MISSING, realTimeOff, ALL_ENCRYPTED, null, CLEAN_SCAN)),
                messages.registered(db01, "Linux"),
                messages.agentStatus(db01, "Reporting"),
                messages.reported(
                        db01,
                        "Linux",
                        new StateReport(
                                MONDAY,
                                NO_UPDATE_MISSING,
                                null,
                                ALL_ENCRYPTED,
                                new StateReport.Baseline(List.of(PASSWORD_AGE_PASSED)),
                                CLEAN_SCAN)));
    }

    @Test
    void showsEachMachinesSixControls() {
        given().when()
                .get(HEALTH, subscription)
                .then()
                .statusCode(200)
                .body("value.name", contains("db01", "dc01", "web01"))
                .body("value[0].health", equalTo("Healthy"))
                .body("value[0].controls.securityConfigurations", equalTo("Healthy"))
                .body("value[0].controls.endpointProtection", equalTo("NotApplicable"))
                .body("value[1].health", equalTo("Unhealthy"))
                .body("value[1].controls.endpointProtection", equalTo("Unhealthy"))
                .body("value[1].controls.systemUpdates", equalTo("Healthy"))
                .body("value[1].reasons.endpointProtection", contains("Real-time protection is off"))
                .body("value[0].reasons.size()", equalTo(0))
                .body(
                        "value[2].resourceId",
                        equalTo("/subscriptions/" + subscription + "/resourceGroups/Web/machines/web01"))
                .body("value[2].controls.systemUpdates", equalTo("Unhealthy"))
                .body("value[2].controls.diskEncryption", equalTo("Unhealthy"))
                .body("value[2].controls.securityConfigurations", equalTo("NotApplicable"))
                .body("value[2].controls.vmAgent", equalTo("Healthy"))
                .body("value[2].controls.vulnerabilityAssessment", equalTo("Healthy"))
                .body("value[2].agentStatus", equalTo("Reporting"))
                .body("value[2].reasons.systemUpdates", contains("Security or critical updates are missing"))
                .body("value[2].reasons.diskEncryption", contains("A volume is not encrypted"))
                .body("value[2].reasons.size()", equalTo(2));
    }

    @Test
    void aWindowsMachineThatReportsItsStateButNeverItsProtectionIsUnhealthyUntilItDoes() {
        String other = "sub-" + UUID.randomUUID();
        MachineRef app01 = new MachineRef(other, "Apps", "app01");
        TestMessages messages = new TestMessages(json);
        messages.deliver(
                messages.registered(app01, "Windows"),
                messages.agentStatus(app01, "Reporting"),
                messages.reported(
                        app01, "Windows", new StateReport(MONDAY, NO_UPDATE_MISSING, null, null, null, CLEAN_SCAN)));

        given().when()
                .get(HEALTH, other)
                .then()
                .body("value[0].controls.endpointProtection", equalTo("Unhealthy"))
                .body(
                        "value[0].reasons.endpointProtection",
                        contains("The machine reports its state but never whether endpoint protection is installed"));
        given().queryParam("type", "InstallEndpointProtection")
                .when()
                .get("/api/v1/subscriptions/{sub}/recommendations", other)
                .then()
                .body("value[0].state", equalTo("Active"))
                .body("value[0].details.reported", equalTo(false));

        messages.deliver(messages.reported(
                app01,
                "Windows",
                new StateReport(
                        TUESDAY,
                        null,
                        new StateReport.EndpointProtection(true, "Microsoft Defender", true, Instant.now()),
                        null,
                        null,
                        null)));

        given().when()
                .get(HEALTH, other)
                .then()
                .body("value[0].controls.endpointProtection", equalTo("Healthy"))
                .body("value[0].health", equalTo("Healthy"))
                .body("value[0].reasons.size()", equalTo(0));
        given().queryParam("type", "InstallEndpointProtection")
                .when()
                .get("/api/v1/subscriptions/{sub}/recommendations", other)
                .then()
                .body("value[0].state", equalTo("Resolved"));
    }

    @Test
    void filtersByHealthAndResourceGroupAndPages() {
        given().queryParam("health", "Healthy")
                .when()
                .get(HEALTH, subscription)
                .then()
                .body("value.name", contains("db01"));
        given().queryParam("resourceGroup", "WEB")
                .when()
                .get(HEALTH, subscription)
                .then()
                .body("value.name", contains("web01"));
        given().queryParam("resourceGroup", "web")
                .queryParam("health", "Unhealthy")
                .when()
                .get(HEALTH, subscription)
                .then()
                .body("value.name", contains("web01"));
        given().queryParam("resourceGroup", "Web")
                .queryParam("health", "Healthy")
                .when()
                .get(HEALTH, subscription)
                .then()
                .body("value", hasSize(0));
        given().queryParam("health", "Unhealthy")
                .queryParam("limit", 1)
                .when()
                .get(HEALTH, subscription)
                .then()
                .body("value.name", contains("dc01"))
                .body("nextLink", containsString("health=Unhealthy"));
        String next = given().queryParam("limit", 2)
                .when()
                .get(HEALTH, subscription)
                .then()
                .body("value", hasSize(2))
                .body("nextLink", notNullValue())
                .extract()
                .path("nextLink");
        given().when().get(next).then().statusCode(200).body("value.name", contains("web01"));
        given().queryParam("health", "Sick")
                .when()
                .get(HEALTH, subscription)
                .then()
                .statusCode(400);
        given().queryParam("after", "/subscriptions/other/x")
                .when()
                .get(HEALTH, subscription)
                .then()
                .statusCode(400);
    }

    /**
     * Per control, healthy of applicable: updates 2 of 3 (6 x 2/3 = 4), assessment 3 of 3 (6), configurations 1 of 1
     * (4), encryption 2 of 3 (4 x 2/3 = 2.67), endpoint protection 0 of 1 (0 of 2), agent 3 of 3 (1): 17.67 of 23.
     */
    @Test
    void summarisesMachinesRecommendationsAndTheSecureScore() {
        given().when()
                .get(SUMMARY, subscription)
                .then()
                .statusCode(200)
                .body("machines.total", equalTo(3))
                .body("machines.healthy", equalTo(1))
                .body("machines.unhealthy", equalTo(2))
                .body("recommendations.active", equalTo(2))
                .body("recommendations.bySeverity.High", equalTo(1))
                .body("recommendations.bySeverity.Medium", equalTo(1))
                .body("recommendations.bySeverity.Low", equalTo(0))
                .body("secureScore.current", equalTo(17.67f))
                .body("secureScore.max", equalTo(23))
                .body("secureScore.percentage", equalTo(76.81f))
                .body("secureScore.controls.find { it.control == 'diskEncryption' }.currentScore", equalTo(2.67f))
                .body("secureScore.controls.find { it.control == 'endpointProtection' }.unhealthy", equalTo(1))
                .body("secureScore.controls.find { it.control == 'endpointProtection' }.notApplicable", equalTo(2));
    }

    @Test
    void aSubscriptionWithNoMachinesHasNothingToScore() {
        given().when()
                .get(SUMMARY, "sub-" + UUID.randomUUID())
                .then()
                .statusCode(200)
                .body("machines.total", equalTo(0))
                .body("secureScore.max", equalTo(0))
                .body("secureScore.percentage", equalTo(0.0f));
    }
}
