package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.support.Delivery;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.PolicyStub;
import io.vigil.common.events.EventBatch;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineDeleted;
import io.vigil.common.machine.MachineMoved;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A machine deleted or moved by the collector leaves no alert or event under its old resource id. */
@QuarkusTest
class MachineChangesTest {

    private static final String ALERTS = "/api/v1/subscriptions/{sub}/alerts";
    private static final String ATTACKER = "203.0.113.66";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(System.currentTimeMillis() + 1_000_000_000L);

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    private String subscription;

    @BeforeEach
    void standardSubscription() {
        Callers.everyRequestAsAdmin();
        subscription = "sub-" + UUID.randomUUID();
        PolicyStub.setPricingTier(subscription, "Standard");
    }

    @Test
    void deletingAMachineRemovesItsAlertsAndEvents() {
        MachineRef gone = new MachineRef(subscription, "web", "web-01");
        MachineRef kept = new MachineRef(subscription, "web", "web-02");
        deliver(events(gone, failures(12, T0)), events(kept, failures(12, T0)));

        deliver(deleted(gone));

        given().when()
                .get(ALERTS, subscription)
                .then()
                .body("value", hasSize(1))
                .body("value[0].compromisedEntity", equalTo(kept.resourceId()));
        assertEquals(0, storedEvents(gone));
        assertEquals(12, storedEvents(kept));
    }

    @Test
    void aMovedMachineKeepsItsAlertsUnderItsNewResourceId() {
        MachineRef staging = new MachineRef(subscription, "staging", "app-01");
        MachineRef production = new MachineRef(subscription, "Production", "app-01");
        deliver(events(staging, failures(12, T0)));
        Object id = onlyAlert().get("id");

        deliver(moved(staging, production));
        deliver(events(production, failures(3, T0.plusSeconds(120))));

        given().when()
                .get(ALERTS, subscription)
                .then()
                .body("value", hasSize(1))
                .body("value[0].id", equalTo(id))
                .body("value[0].compromisedEntity", equalTo(production.resourceId()))
                .body("value[0].eventCount", equalTo(15));
        given().queryParam("resourceGroup", "staging")
                .when()
                .get(ALERTS, subscription)
                .then()
                .body("value", empty());
        assertEquals(0, storedEvents(staging));
        assertEquals(15, storedEvents(production));
    }

    @Test
    void aMovedMachinesAlertsNameItsNewResourceIdAmongTheirEntitiesToo() {
        MachineRef staging = new MachineRef(subscription, "staging", "app-02");
        MachineRef production = new MachineRef(subscription, "production", "app-02");
        deliver(events(staging, failures(12, T0)));

        deliver(moved(staging, production));

        Map<String, Object> alert = onlyAlert();
        given().when()
                .get(ALERTS + "/{id}", subscription, alert.get("id"))
                .then()
                .body("entities.find { it.type == 'host' }.resourceId", equalTo(production.resourceId()))
                .body("entities.find { it.type == 'ip' }.address", equalTo(ATTACKER))
                .body(not(containsString(staging.resourceId())));
    }

    @Test
    void eventsBeforeAMoveInTheSameDeliveryRaiseTheirAlertBeforeItMoves() {
        MachineRef from = new MachineRef(subscription, "a", "db-01");
        MachineRef to = new MachineRef(subscription, "b", "db-01");

        deliver(events(from, failures(12, T0)), moved(from, to));

        assertEquals(to.resourceId(), onlyAlert().get("compromisedEntity"));
    }

    @Test
    void deletingAMachineRemovesItsEvidenceHistoryAndProtectionReports() {
        MachineRef gone = new MachineRef(subscription, "web", "web-03");
        Delivery delivery = new Delivery(json);
        deliver(events(gone, failures(12, T0)));
        delivery.deliver(delivery.protection(gone, T0, true));
        Object id = onlyAlert().get("id");

        deliver(deleted(gone));

        assertEquals(0, count("select count(*) from alert.alert_evidence where alert_id = $1", UUID.fromString((String)
                id)));
        assertEquals(
                0, count("select count(*) from alert.alert_history where alert_id = $1", UUID.fromString((String) id)));
        assertEquals(
                0, count("select count(*) from alert.endpoint_protection_report where machine_key = $1", gone.key()));
    }

    @Test
    void aMovedMachineKeepsItsProtectionReportsSoSwitchingItOffLaterStillRaises() {
        MachineRef before = new MachineRef(subscription, "staging", "win-01");
        MachineRef after = new MachineRef(subscription, "production", "win-01");
        Delivery delivery = new Delivery(json);
        delivery.deliver(delivery.protection(before, T0, true));

        deliver(moved(before, after));
        delivery.deliver(delivery.protection(after, T0.plusSeconds(60), false));

        Map<String, Object> alert = onlyAlert();
        assertEquals("AntimalwareDisabled", alert.get("alertType"));
        assertEquals(after.resourceId(), alert.get("compromisedEntity"));
        given().when()
                .get(ALERTS + "/{id}", subscription, alert.get("id"))
                .then()
                .body("evidence", hasSize(1))
                .body("history", hasSize(1));
    }

    private long count(String query, Object parameter) {
        return pool.preparedQuery(query)
                .execute(Tuple.of(parameter))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    private Map<String, Object> onlyAlert() {
        return given().when()
                .get(ALERTS, subscription)
                .then()
                .statusCode(200)
                .body("value", hasSize(1))
                .extract()
                .path("value[0]");
    }

    private static List<NormalizedEvent> failures(int count, Instant first) {
        List<NormalizedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Events.failedLogon(first.plusSeconds(5L * i), ATTACKER, "root", 1));
        }
        return events;
    }

    private Message events(MachineRef machine, List<NormalizedEvent> events) {
        return message(MessageKinds.EVENTS_NORMALIZED, machine, new EventBatch(machine, events));
    }

    private Message deleted(MachineRef machine) {
        return message(MessageKinds.MACHINE_DELETED, machine, new MachineDeleted(machine, T0));
    }

    private Message moved(MachineRef from, MachineRef to) {
        return message(MessageKinds.MACHINE_MOVED, from, new MachineMoved(from, to, T0));
    }

    private Message message(String kind, MachineRef machine, Object payload) {
        return new Message(MESSAGE_IDS.incrementAndGet(), kind, machine.key(), json.valueToTree(payload));
    }

    private void deliver(Message... messages) {
        String body;
        try {
            body = json.writeValueAsString(new MessageBatch("collector", List.of(messages)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/internal/messages")
                .then()
                .statusCode(204);
    }

    private long storedEvents(MachineRef machine) {
        return pool.preparedQuery("select count(*) from alert.event where machine_key = $1")
                .execute(Tuple.of(machine.key()))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .atMost(Duration.ofSeconds(10));
    }
}
