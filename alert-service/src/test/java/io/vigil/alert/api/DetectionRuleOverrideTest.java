package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.PolicyStub;
import io.vigil.alert.support.StandardSubscriptionTest;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import io.vigil.testing.Callers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalogue with its defaults, and a subscription's own enabled, threshold and window. */
@QuarkusTest
class DetectionRuleOverrideTest extends StandardSubscriptionTest {

    private static final String RULE = "/api/v1/subscriptions/{sub}/detectionRules/{ruleId}";
    private static final String ALERTS = "/api/v1/subscriptions/{sub}/alerts";
    private static final String PROBLEM = "application/problem+json";
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    private MachineRef machine;

    @BeforeEach
    void machine() {
        machine = new MachineRef(subscription, "rg", "host01");
    }

    @Test
    void publishesAllTenRulesWithTheirDefaults() {
        given().when()
                .get("/api/v1/detectionRules")
                .then()
                .statusCode(200)
                .body("value", hasSize(10))
                .body(
                        "value.ruleId",
                        hasItems(
                                "SshBruteForce",
                                "RdpBruteForce",
                                "SuccessfulLogonAfterBruteForce",
                                "NewLocalAccount",
                                "AccountAddedToAdministrators",
                                "SecurityLogCleared",
                                "EncodedPowerShell",
                                "MalwareDetected",
                                "AntimalwareDisabled",
                                "PortScan"))
                .body("value.find { it.ruleId == 'PortScan' }.threshold", equalTo(15))
                .body("value.find { it.ruleId == 'PortScan' }.counts", equalTo("distinct destinationPort"))
                .body(
                        "value.find { it.ruleId == 'RdpBruteForce' }.matches.conditions[0].values",
                        equalTo(List.of("3", "10")))
                .body("value.find { it.ruleId == 'SuccessfulLogonAfterBruteForce' }.window", equalTo("PT1H"))
                .body("value.find { it.ruleId == 'SuccessfulLogonAfterBruteForce' }.threshold", equalTo(1))
                .body(
                        "value.find { it.ruleId == 'SuccessfulLogonAfterBruteForce' }.bruteForceRules",
                        equalTo(List.of("SshBruteForce", "RdpBruteForce")))
                .body(
                        "value.find { it.ruleId == 'AccountAddedToAdministrators' }.oneActionWhenEqual",
                        equalTo(List.of("program", "account", "group")))
                .body(
                        "value.find { it.ruleId == 'AccountAddedToAdministrators' }.escalation.severity",
                        equalTo("High"));
    }

    @Test
    void aLowerThresholdRaisesWhereTheDefaultWouldNot() {
        given().when()
                .get(RULE, subscription, "SshBruteForce")
                .then()
                .statusCode(200)
                .body("threshold", equalTo(10))
                .body("overrides", nullValue());

        override(Map.of("threshold", 3, "window", "PT1M"))
                .statusCode(200)
                .body("threshold", equalTo(3))
                .body("window", equalTo("PT1M"))
                .body("enabled", equalTo(true))
                .body("defaults.threshold", equalTo(10))
                .body("overrides.threshold", equalTo(3))
                .body("updatedBy", equalTo("tester@vigil.test"));
        delivery.deliver(delivery.events(machine, failures(3)));

        given().when().get(ALERTS, subscription).then().body("value", hasSize(1));
        given().when()
                .get("/api/v1/subscriptions/{sub}/detectionRules", subscription)
                .then()
                .body("value.find { it.ruleId == 'SshBruteForce' }.threshold", equalTo(3))
                .body("value.find { it.ruleId == 'PortScan' }.threshold", equalTo(15));
    }

    @Test
    void aSuccessfulLogonIsJudgedByTheSubscriptionsBruteForceThresholdAndWindow() {
        override(Map.of("threshold", 5, "window", "PT1M")).statusCode(200);
        String other = "sub-" + UUID.randomUUID();
        PolicyStub.setPricingTier(other, "Standard");
        List<NormalizedEvent> attack = new ArrayList<>(failures(6));
        attack.add(Events.successfulLogon(T0.plusSeconds(60), "203.0.113.44", "root"));

        delivery.deliver(delivery.events(machine, attack));
        delivery.deliver(delivery.events(new MachineRef(other, "rg", "host01"), attack));

        given().when()
                .get(ALERTS, subscription)
                .then()
                .body("value.alertType", hasItems("SshBruteForce", "SuccessfulLogonAfterBruteForce"))
                .body("value", hasSize(2))
                .body(
                        "value.find { it.alertType == 'SuccessfulLogonAfterBruteForce' }.description",
                        containsString("after 6 failed logons from that address"));
        given().when().get(ALERTS, other).then().body("value", empty());
    }

    @Test
    void aBruteForceSpreadWiderThanTheOverriddenWindowMakesNoSuccessfulLogonAnAlert() {
        override(Map.of("threshold", 5, "window", "PT10S")).statusCode(200);
        List<NormalizedEvent> attack = new ArrayList<>(failures(6));
        attack.add(Events.successfulLogon(T0.plusSeconds(60), "203.0.113.44", "root"));

        delivery.deliver(delivery.events(machine, attack));

        given().when().get(ALERTS, subscription).then().body("value", empty());
    }

    @Test
    void aDisabledRuleRaisesNothingForThatSubscriptionOnly() {
        override(Map.of("enabled", false)).statusCode(200).body("enabled", equalTo(false));
        String other = "sub-" + UUID.randomUUID();
        PolicyStub.setPricingTier(other, "Standard");

        delivery.deliver(delivery.events(machine, failures(12)));
        delivery.deliver(delivery.events(new MachineRef(other, "rg", "host01"), failures(12)));

        given().when().get(ALERTS, subscription).then().body("value", empty());
        given().when().get(ALERTS, other).then().body("value", hasSize(1));
    }

    @Test
    void refusesValuesOutOfRangeNamingTheField() {
        refused(Map.of("threshold", 0), "threshold");
        refused(Map.of("threshold", 100_001), "threshold");
        refused(Map.of("window", "five minutes"), "window");
        refused(Map.of("window", "P30D"), "window");
        refused(Map.of("window", "PT0S"), "window");
        given().contentType(ContentType.JSON)
                .body(Map.of("threshold", 5, "severity", "High"))
                .when()
                .put(RULE, subscription, "SshBruteForce")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("severity"));
        given().contentType(ContentType.JSON)
                .body(Map.of("threshold", 5))
                .when()
                .put(RULE, subscription, "NoSuchRule")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void letsOnlyASecurityAdminChangeARule() {
        Callers.everyRequestAnonymous();

        Callers.asReader(subscription)
                .when()
                .get(RULE, subscription, "PortScan")
                .then()
                .statusCode(200);
        Callers.asReader(subscription)
                .contentType(ContentType.JSON)
                .body(Map.of("threshold", 3))
                .when()
                .put(RULE, subscription, "PortScan")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        Callers.asAdmin(subscription)
                .contentType(ContentType.JSON)
                .body(Map.of("threshold", 30))
                .when()
                .put(RULE, subscription, "PortScan")
                .then()
                .statusCode(200)
                .body("threshold", equalTo(30));
    }

    private void refused(Map<String, Object> body, String field) {
        override(body).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo(field));
    }

    private ValidatableResponse override(Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .put(RULE, subscription, "SshBruteForce")
                .then();
    }

    private static List<NormalizedEvent> failures(int count) {
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Events.failedLogon(T0.plusSeconds(5L * i), "203.0.113.44", "root", 1));
        }
        return events;
    }
}
