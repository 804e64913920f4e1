package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.alert.support.StandardSubscriptionTest;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageKinds;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real-time protection reported on and then off raises AntimalwareDisabled; late or first reports do not. */
@QuarkusTest
class ProtectionReportTest extends StandardSubscriptionTest {

    private static final String ALERTS = "/api/v1/subscriptions/{sub}/alerts";
    private static final Instant T1 = Instant.parse("2026-11-30T08:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-30T09:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-30T10:00:00Z");

    private MachineRef machine;

    @BeforeEach
    void machine() {
        machine = new MachineRef(subscription, "rg", "win-01");
    }

    @Test
    void raisesWhenRealTimeProtectionGoesFromOnToOff() {
        delivery.deliver(delivery.protection(machine, T1, true));
        delivery.deliver(delivery.protection(machine, T2, false));

        String id = given().when()
                .get(ALERTS, subscription)
                .then()
                .body("value", hasSize(1))
                .body("value[0].alertType", equalTo("AntimalwareDisabled"))
                .body("value[0].startTimeUtc", equalTo("2026-11-30T09:00:00Z"))
                .body("value[0].description", containsString("state report of Microsoft Defender Antivirus"))
                .extract()
                .path("value[0].id");
        given().when()
                .get(ALERTS + "/{id}", subscription, id)
                .then()
                .body("evidence[0].raw", containsString("\"realTimeProtection\":false"));
    }

    @Test
    void raisesNothingForAnOlderReportArrivingLate() {
        delivery.deliver(delivery.protection(machine, T1, true));
        delivery.deliver(delivery.protection(machine, T3, true));
        delivery.deliver(delivery.protection(machine, T2, false));

        given().when().get(ALERTS, subscription).then().body("value", empty());
    }

    @Test
    void raisesNothingWhenTheFirstReportAlreadySaysOffOrProtectionStaysOff() {
        delivery.deliver(delivery.protection(machine, T1, false), delivery.protection(machine, T2, false));

        given().when().get(ALERTS, subscription).then().body("value", empty());
    }

    @Test
    void refusesAReportWithoutItsTimeOrSectionAndStoresNothingOfTheBatch() {
        Message incomplete =
                delivery.message(MessageKinds.ENDPOINT_PROTECTION_REPORTED, machine, Map.of("machine", machine));

        given().contentType(ContentType.JSON)
                .body(delivery.body(delivery.protection(machine, T1, true), incomplete))
                .when()
                .post("/internal/messages")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("messages[1].payload"));
        delivery.deliver(delivery.protection(machine, T1.minusSeconds(1), true));
        delivery.deliver(delivery.protection(machine, T2, false));

        given().when().get(ALERTS, subscription).then().body("value", hasSize(1));
    }

    @Test
    void raisesAgainAfterProtectionCameBackAndWentOffOnceMore() {
        delivery.deliver(
                delivery.protection(machine, T1, true),
                delivery.protection(machine, T2, false),
                delivery.protection(machine, T3, true),
                delivery.protection(machine, T3.plusSeconds(60), false));

        given().when()
                .get(ALERTS, subscription)
                .then()
                .body("value", hasSize(1))
                .body("value[0].eventCount", equalTo(2));
    }
}
