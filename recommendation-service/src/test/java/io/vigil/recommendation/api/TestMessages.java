package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.machine.MachineRegistered;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.state.StateReport;
import io.vigil.common.state.StateSnapshot;
import io.vigil.recommendation.TestData;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Builds and posts the batches collector-service's outbox would deliver. */
final class TestMessages {

    static final String SOURCE = "collector";

    /** Message ids are unique per source across the whole run, as the collector's outbox makes them. */
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final ObjectMapper json;

    TestMessages(ObjectMapper json) {
        this.json = json;
    }

    static long nextId() {
        return NEXT_ID.getAndIncrement();
    }

    Message registered(MachineRef machine, String osType) {
        return registered(nextId(), machine, osType);
    }

    Message registered(long id, MachineRef machine, String osType) {
        MachineRegistered payload =
                new MachineRegistered(machine, "vm-" + machine.name(), osType, osType, "1.0", "2.4.1", TestData.MONDAY);
        return new Message(id, MessageKinds.MACHINE_REGISTERED, machine.key(), json.valueToTree(payload));
    }

    Message reported(MachineRef machine, String osType, StateReport report) {
        return reported(nextId(), machine, osType, report);
    }

    Message reported(long id, MachineRef machine, String osType, StateReport report) {
        StateSnapshot payload = new StateSnapshot(machine, osType, report.collectedAt(), report);
        return new Message(id, MessageKinds.STATE_REPORTED, machine.key(), json.valueToTree(payload));
    }

    String batch(Message... messages) {
        try {
            return json.writeValueAsString(new MessageBatch(SOURCE, List.of(messages)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/internal/messages")
                .then();
    }

    void deliver(Message... messages) {
        post(batch(messages)).statusCode(204);
    }
}
