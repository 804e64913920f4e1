package io.vigil.alert.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.vigil.common.events.EventBatch;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.state.EndpointProtectionReported;
import io.vigil.common.state.StateReport;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Delivers messages to this service as the collector's outbox does, for tests whose subject is what follows. */
public final class Delivery {

    /**
     * Message ids of their own, from three eighths of the long range up, apart from the ranges of the test classes
     * that number their messages themselves, so that the inbox never drops a delivery as a repeat of another's.
     */
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(Long.MAX_VALUE / 8 * 3);

    private final ObjectMapper json;

    public Delivery(ObjectMapper json) {
        this.json = json;
    }

    public Message events(MachineRef machine, List<NormalizedEvent> events) {
        return message(MessageKinds.EVENTS_NORMALIZED, machine, new EventBatch(machine, List.copyOf(events)));
    }

    public Message protection(MachineRef machine, Instant collectedAt, Boolean realTimeProtection) {
        StateReport.EndpointProtection section =
                new StateReport.EndpointProtection(true, "Microsoft Defender Antivirus", realTimeProtection, null);
        return message(
                MessageKinds.ENDPOINT_PROTECTION_REPORTED,
                machine,
                new EndpointProtectionReported(machine, collectedAt, collectedAt, section));
    }

    public Message message(String kind, MachineRef machine, Object payload) {
        return new Message(MESSAGE_IDS.incrementAndGet(), kind, machine.key(), json.valueToTree(payload));
    }

    /** Posts the messages in one batch with the collector's credential and expects them taken. */
    public void deliver(Message... messages) {
        given().contentType(ContentType.JSON)
                .body(body(messages))
                .when()
                .post("/internal/messages")
                .then()
                .statusCode(204);
    }

    public String body(Message... messages) {
        try {
            return json.writeValueAsString(new MessageBatch("collector", List.of(messages)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
