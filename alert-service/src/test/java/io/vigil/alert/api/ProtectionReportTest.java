package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.alert.support.StandardSubscriptionTest;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageKinds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real-time protection reported on and then off raises AntimalwareDisabled, judged in collection order whatever order
 * the reports arrive in; a first report that is already off raises nothing.
 */
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
    void raisesForALateOffBetweenTwoOnsAsIfItHadArrivedInOrder() {
        delivery.deliver(delivery.protection(machine, T1, true));
        delivery.deliver(delivery.protection(machine, T3, true));
        delivery.deliver(delivery.protection(machine, T2, false));

        assertEquals(List.of("AntimalwareDisabled 1 " + T2 + " " + T2 + " [" + T2 + "]"), outcome(subscription));
    }

    @Test
    void movesTheSwitchOffToALateOffJustBeforeIt() {
        delivery.deliver(delivery.protection(machine, T1, true), delivery.protection(machine, T3, false));
        assertEquals(List.of("AntimalwareDisabled 1 " + T3 + " " + T3 + " [" + T3 + "]"), outcome(subscription));

        delivery.deliver(delivery.protection(machine, T2, false));

        assertEquals(List.of("AntimalwareDisabled 1 " + T2 + " " + T2 + " [" + T2 + "]"), outcome(subscription));
        given().when().get(ALERTS, subscription).then().body("value[0].description", containsString("at " + T2));
    }

    @Test
    void keepsTheSwitchOffWhenALateOnArrivesBetweenTheOnAndTheOff() {
        delivery.deliver(delivery.protection(machine, T1, true), delivery.protection(machine, T3, false));

        delivery.deliver(delivery.protection(machine, T2, true));

        assertEquals(List.of("AntimalwareDisabled 1 " + T3 + " " + T3 + " [" + T3 + "]"), outcome(subscription));
    }

    @Test
    void raisesTheSameAlertWhateverOrderTheReportsArriveInWithinAndAcrossDeliveries() {
        List<Message> inOrder = history(machine);
        inOrder.forEach(report -> delivery.deliver(report));
        List<String> expected = outcome(subscription);
        assertEquals(
                List.of("AntimalwareDisabled 3 " + at(10) + " " + at(90) + " [" + at(10) + ", " + at(60) + ", " + at(90)
                        + "]"),
                expected);

        for (long seed = 1; seed <= 4; seed++) {
            String other = standardSubscription();
            MachineRef same = new MachineRef(other, "rg", "win-01");
            List<Message> shuffled = new ArrayList<>(history(same));
            Random random = new Random(seed);
            Collections.shuffle(shuffled, random);
            if (seed == 1) {
                delivery.deliver(shuffled.toArray(Message[]::new));
            } else {
                int start = 0;
                while (start < shuffled.size()) {
                    int end = Math.min(shuffled.size(), start + 1 + random.nextInt(4));
                    delivery.deliver(shuffled.subList(start, end).toArray(Message[]::new));
                    start = end;
                }
            }

            assertEquals(expected, outcome(other), "seed " + seed);
        }
    }

    /**
     * Reports ten minutes apart with three switch-offs in collection order (at 10, 60 and 90 minutes), reports that
     * stay off, one that does not say, and two that stay on.
     */
    private List<Message> history(MachineRef on) {
        Boolean[] protection = {true, false, false, null, false, true, false, true, true, false, false};
        List<Message> reports = new ArrayList<>();
        for (int i = 0; i < protection.length; i++) {
            reports.add(delivery.protection(on, at(10 * i), protection[i]));
        }
        return reports;
    }

    private static Instant at(int minutes) {
        return T1.plus(Duration.ofMinutes(minutes));
    }

    /** Per alert: type, count, start, end and the times of its evidence. */
    private List<String> outcome(String sub) {
        JsonPath alerts =
                given().when().get(ALERTS, sub).then().statusCode(200).extract().jsonPath();
        List<String> outcome = new ArrayList<>();
        for (String id : alerts.<String>getList("value.id")) {
            JsonPath alert = given().when()
                    .get(ALERTS + "/{id}", sub, id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            outcome.add(alert.getString("alertType") + " " + alert.getInt("eventCount") + " "
                    + alert.getString("startTimeUtc") + " " + alert.getString("endTimeUtc") + " "
                    + alert.getList("evidence.timeUtc"));
        }
        return outcome;
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
