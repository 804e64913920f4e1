package io.vigil.alert.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.StandardSubscriptionTest;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events go by whole days after the retention period; alerts and their evidence stay longer. */
@QuarkusTest
class RetentionTest extends StandardSubscriptionTest {

    private static final String ALERTS = "/api/v1/subscriptions/{sub}/alerts";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    Retention retention;

    private MachineRef machine;

    @BeforeEach
    void machine() {
        machine = new MachineRef(subscription, "rg", "host01");
    }

    @Test
    void keepsRecentEventsInDailyPartitionsCreatedAhead() {
        List<NormalizedEvent> recent = Events.failures("203.0.113.1", 10, NOW.minus(Duration.ofDays(1)));
        delivery.deliver(delivery.events(machine, recent));

        assertEquals(
                "alert.event_p" + day(NOW.minus(Duration.ofDays(1))),
                single(
                        "select tableoid::regclass::text from alert.event where id = $1",
                        recent.get(0).id()));
        assertTrue(exists("alert.event_p" + day(NOW.plus(Duration.ofDays(7)))), "a week of partitions ahead");
    }

    @Test
    void dropsWholeDaysPastRetentionAndKeepsTheAlertsWithTheirEvidence() {
        Instant old = NOW.minus(Duration.ofDays(35));
        assertTrue(retention
                .ensurePartition(LocalDate.ofInstant(old, ZoneOffset.UTC))
                .await()
                .indefinitely());
        List<NormalizedEvent> aged = Events.failures("203.0.113.2", 10, old);
        List<NormalizedEvent> ancient = Events.failures("203.0.113.3", 10, NOW.minus(Duration.ofDays(90)));
        List<NormalizedEvent> recent = Events.failures("203.0.113.4", 10, NOW.minus(Duration.ofDays(2)));
        delivery.deliver(delivery.events(machine, aged), delivery.events(machine, ancient));
        delivery.deliver(delivery.events(machine, recent));
        assertEquals(30L, storedEvents());

        Retention.Outcome outcome = retention.run(NOW).await().atMost(Duration.ofMinutes(1));

        assertTrue(outcome.partitionsDropped() >= 1, outcome.toString());
        assertTrue(outcome.eventsDeleted() >= 10, outcome.toString());
        assertFalse(exists("alert.event_p" + day(old)));
        assertEquals(10L, storedEvents());
        String oldAlert = given().when()
                .get(ALERTS, subscription)
                .then()
                .body("value", hasSize(3))
                .extract()
                .path("value.find { it.startTimeUtc == '" + aged.get(0).time() + "' }.id");
        given().when()
                .get(ALERTS + "/{id}", subscription, oldAlert)
                .then()
                .body("evidence", hasSize(10))
                .body("evidence[0].raw", containsString("Failed password for root from 203.0.113.2"));
    }

    @Test
    void removesClosedAlertsPastTheirOwnRetention() {
        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.5", 10, NOW.minus(Duration.ofDays(400)))));
        delivery.deliver(delivery.events(machine, Events.failures("203.0.113.6", 10, NOW.minus(Duration.ofDays(380)))));
        String closed = given().when()
                .get(ALERTS, subscription)
                .then()
                .extract()
                .path("value.find { it.entities[0].address == '203.0.113.5' }.id");
        given().when()
                .post(ALERTS + "/{id}/resolve", subscription, closed)
                .then()
                .statusCode(200);

        retention.run(NOW).await().atMost(Duration.ofMinutes(1));

        given().when()
                .get(ALERTS, subscription)
                .then()
                .body("value", hasSize(1))
                .body("value[0].status", equalTo("Active"));
    }

    private long storedEvents() {
        return single("select count(*) from alert.event where machine_key = $1", machine.key());
    }

    private boolean exists(String table) {
        return single("select to_regclass($1) is not null", table);
    }

    private static String day(Instant instant) {
        return DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }
}
