package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.Fixtures;
import io.vigil.alert.support.StandardSubscriptionTest;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts counted per type and per day, split by severity, for a time range. */
@QuarkusTest
class AlertGroupsTest extends StandardSubscriptionTest {

    private static final String GROUPS = "/api/v1/subscriptions/{sub}/alertGroups";

    @BeforeEach
    void alertsOnTwoDays() {
        MachineRef machine = new MachineRef(subscription, "rg", "host01");
        List<NormalizedEvent> events = new ArrayList<>(Fixtures.events("/events/linux/clamav-found.json"));
        events.addAll(Events.failures("203.0.113.1", 10, Instant.parse("2026-11-29T20:00:00Z")));
        events.addAll(Events.failures("203.0.113.2", 10, Instant.parse("2026-11-30T07:00:00Z")));
        delivery.deliver(delivery.events(machine, events));
    }

    @Test
    void countsPerTypeBySeverity() {
        given().queryParam("by", "type")
                .queryParam("from", "2026-11-29T00:00:00Z")
                .queryParam("to", "2026-12-01T00:00:00Z")
                .when()
                .get(GROUPS, subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(2))
                .body("value.find { it.alertType == 'MalwareDetected' }.count", equalTo(2))
                .body("value.find { it.alertType == 'MalwareDetected' }.bySeverity.High", equalTo(2))
                .body("value.find { it.alertType == 'SshBruteForce' }.count", equalTo(2))
                .body("value.find { it.alertType == 'SshBruteForce' }.bySeverity.Medium", equalTo(2))
                .body("value.find { it.alertType == 'SshBruteForce' }.bySeverity.High", equalTo(0));
    }

    @Test
    void countsPerDayBySeverityInsideTheRange() {
        given().queryParam("by", "date")
                .queryParam("from", "2026-11-29T00:00:00Z")
                .queryParam("to", "2026-12-01T00:00:00Z")
                .when()
                .get(GROUPS, subscription)
                .then()
                .statusCode(200)
                .body("value.date", equalTo(List.of("2026-11-29", "2026-11-30")))
                .body("value[0].count", equalTo(3))
                .body("value[0].bySeverity.High", equalTo(2))
                .body("value[0].bySeverity.Medium", equalTo(1))
                .body("value[1].count", equalTo(1));
        given().queryParam("by", "date")
                .queryParam("from", "2026-11-30T00:00:00Z")
                .queryParam("to", "2026-12-01T00:00:00Z")
                .when()
                .get(GROUPS, subscription)
                .then()
                .body("value", hasSize(1));
    }

    @Test
    void refusesAMissingGroupingAndABackwardRange() {
        given().when().get(GROUPS, subscription).then().statusCode(400).body("errors[0].field", equalTo("by"));
        given().queryParam("by", "severity")
                .when()
                .get(GROUPS, subscription)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("by"));
        given().queryParam("by", "type")
                .queryParam("from", "2026-12-01T00:00:00Z")
                .queryParam("to", "2026-11-01T00:00:00Z")
                .when()
                .get(GROUPS, subscription)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    /** A time no database holds is the caller's mistake, named, rather than a failure of the query it would reach. */
    @Test
    void refusesATimeOutsideTheYearsOneTo9999() {
        given().queryParam("by", "type")
                .queryParam("to", "-999999999-01-01T00:00:00Z")
                .when()
                .get(GROUPS, subscription)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("to"));
    }
}
