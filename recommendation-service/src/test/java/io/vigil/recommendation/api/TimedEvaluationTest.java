package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;
import static io.vigil.recommendation.TestData.CLEAN_SCAN;
import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.ONE_SECURITY_UPDATE_MISSING;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.state.StateReport;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What time alone changes: dismissals that expire, signatures that turn stale, an agent that never comes. */
@QuarkusTest
class TimedEvaluationTest {

    private static final String LIST = "/api/v1/subscriptions/{sub}/recommendations";
    private static final Duration BOUND = Duration.ofSeconds(20);

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

    @Test
    void aDismissalReturnsToEvaluationWhenItExpires() {
        MachineRef machine = reportingMachine(
                "web-01", new StateReport(MONDAY, ONE_SECURITY_UPDATE_MISSING, null, null, null, CLEAN_SCAN));
        String id = idOf("ApplySystemUpdates");

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "reason",
                        "patch window on Friday",
                        "expiresAt",
                        Instant.now().plusSeconds(3).toString()))
                .when()
                .post(LIST + "/{id}/dismiss", subscription, id)
                .then()
                .statusCode(200)
                .body("state", equalTo("Dismissed"))
                .body("dismissal.reason", equalTo("patch window on Friday"));

        await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).until(() -> "Active".equals(stateOf(id)));
        given().when()
                .get(LIST + "/{id}", subscription, id)
                .then()
                .body("dismissal", nullValue())
                .body("resourceId", equalTo(machine.resourceId()));
    }

    @Test
    void endpointProtectionTurnsUnhealthyWhenItsSignaturesTurnStale() {
        Instant almostStale = Instant.now().minus(Duration.ofDays(7)).plusSeconds(3);
        reportingMachine(
                "dc-01",
                new StateReport(
                        MONDAY,
                        null,
                        new StateReport.EndpointProtection(true, "Microsoft Defender", true, almostStale),
                        null,
                        null,
                        CLEAN_SCAN));
        machineHealth().body("value[0].controls.endpointProtection", equalTo("Healthy"));

        await().atMost(BOUND)
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        "Unhealthy".equals(machineHealth().extract().path("value[0].controls.endpointProtection")));
        machineHealth()
                .body(
                        "value[0].reasons.endpointProtection",
                        contains("Antimalware signatures were last updated 7 days ago or more"));
    }

    @Test
    void aMachineWhoseAgentNeverComesGetsEnableVmAgentOnceItWaitedLongEnough() {
        MachineRef machine = new MachineRef(subscription, "rg", "never-02");
        Instant registered = Instant.now().minus(Duration.ofMinutes(15)).plusSeconds(3);

        messages.deliver(messages.registeredAt(TestMessages.nextId(), machine, "Linux", registered));
        given().queryParam("type", "EnableVmAgent")
                .when()
                .get(LIST, subscription)
                .then()
                .body("value", empty());

        await().atMost(BOUND)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "Active".equals(stateOfType("EnableVmAgent")));
    }

    private MachineRef reportingMachine(String name, StateReport report) {
        MachineRef machine = new MachineRef(subscription, "rg", name);
        messages.deliver(
                messages.registered(machine, "Windows"),
                messages.agentStatus(machine, "Reporting"),
                messages.reported(machine, "Windows", report));
        return machine;
    }

    private ValidatableResponse machineHealth() {
        return given().when()
                .get("/api/v1/subscriptions/{sub}/machines/health", subscription)
                .then()
                .statusCode(200);
    }

    private String idOf(String type) {
        return given().queryParam("type", type)
                .when()
                .get(LIST, subscription)
                .then()
                .extract()
                .path("value[0].id");
    }

    private String stateOf(String id) {
        return given().when()
                .get(LIST + "/{id}", subscription, id)
                .then()
                .extract()
                .path("state");
    }

    private String stateOfType(String type) {
        return given().queryParam("type", type)
                .when()
                .get(LIST, subscription)
                .then()
                .extract()
                .path("value[0].state");
    }
}
