package io.vigil.recommendation.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.config.HeaderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.common.machine.AgentStatusChanged;
import io.vigil.common.machine.MachineDeleted;
import io.vigil.common.machine.MachineMoved;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.machine.MachineRegistered;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.security.Headers;
import io.vigil.common.state.StateReport;
import io.vigil.common.state.StateSnapshot;
import io.vigil.recommendation.TestData;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Builds and posts the batches collector-service's and policy-service's outboxes would deliver. */
final class TestMessages {

    static final String SOURCE = "collector";
    static final String POLICY_SOURCE = "policy";
    static final String POLICY_CREDENTIAL = "policy:test-policy-token";

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

    /** A machine registered just now, whose agent is expected to speak within seconds. */
    Message registered(long id, MachineRef machine, String osType) {
        return registeredAt(id, machine, osType, Instant.now());
    }

    Message registeredAt(long id, MachineRef machine, String osType, Instant registeredAt) {
        MachineRegistered payload =
                new MachineRegistered(machine, "vm-" + machine.name(), osType, osType, "1.0", "2.4.1", registeredAt);
        return new Message(id, MessageKinds.MACHINE_REGISTERED, machine.key(), json.valueToTree(payload));
    }

    Message reported(MachineRef machine, String osType, StateReport report) {
        return reported(nextId(), machine, osType, report);
    }

    Message reported(long id, MachineRef machine, String osType, StateReport report) {
        StateSnapshot payload = new StateSnapshot(machine, osType, report.collectedAt(), report);
        return new Message(id, MessageKinds.STATE_REPORTED, machine.key(), json.valueToTree(payload));
    }

    Message deleted(MachineRef machine) {
        return new Message(
                nextId(),
                MessageKinds.MACHINE_DELETED,
                machine.key(),
                json.valueToTree(new MachineDeleted(machine, TestData.TUESDAY)));
    }

    Message moved(MachineRef from, MachineRef to) {
        return new Message(
                nextId(),
                MessageKinds.MACHINE_MOVED,
                from.key(),
                json.valueToTree(new MachineMoved(from, to, TestData.TUESDAY)));
    }

    Message agentStatus(MachineRef machine, String status) {
        return new Message(
                nextId(),
                MessageKinds.AGENT_STATUS_CHANGED,
                machine.key(),
                json.valueToTree(new AgentStatusChanged(machine, status, TestData.MONDAY, TestData.TUESDAY)));
    }

    /** A change of the subscription's own policy when {@code resourceGroup} is null. */
    Message policyChanged(String subscriptionId, String resourceGroup) {
        return policyChanged(nextId(), subscriptionId, resourceGroup);
    }

    Message policyChanged(long id, String subscriptionId, String resourceGroup) {
        PolicyChanged payload = new PolicyChanged(subscriptionId, resourceGroup, 2, TestData.TUESDAY);
        String key = resourceGroup == null ? subscriptionId : subscriptionId + "/" + resourceGroup;
        return new Message(id, MessageKinds.POLICY_CHANGED, key, json.valueToTree(payload));
    }

    String batch(Message... messages) {
        return batchFrom(SOURCE, messages);
    }

    String batchFrom(String source, Message... messages) {
        try {
            return json.writeValueAsString(new MessageBatch(source, List.of(messages)));
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

    /** A machine registered and its first report, in one batch. */
    void deliverReportingMachine(MachineRef machine, String osType, StateReport report) {
        deliver(registered(machine, osType), reported(machine, osType, report));
    }

    /** With policy-service's credential in place of the collector's the tests send by default. */
    ValidatableResponse postAsPolicy(String body) {
        return given().config(RestAssuredConfig.config()
                        .headerConfig(HeaderConfig.headerConfig().overwriteHeadersWithName(Headers.SERVICE_CREDENTIAL)))
                .header(Headers.SERVICE_CREDENTIAL, POLICY_CREDENTIAL)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/internal/messages")
                .then();
    }

    void deliverFromPolicy(Message... messages) {
        postAsPolicy(batchFrom(POLICY_SOURCE, messages)).statusCode(204);
    }
}
