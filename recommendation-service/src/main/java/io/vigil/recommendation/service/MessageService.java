package io.vigil.recommendation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.machine.MachineRegistered;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.problem.ApiException;
import io.vigil.common.state.StateSnapshot;
import io.vigil.common.validation.Identifiers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a batch from another service's outbox. The whole batch is read and checked first, and the policies it needs
 * are fetched before the transaction opens, so no network call holds the transaction.
 */
@ApplicationScoped
public class MessageService {

    private final ObjectMapper json;
    private final PolicyLookup policies;
    private final MessageProcessor processor;

    public MessageService(ObjectMapper json, PolicyLookup policies, MessageProcessor processor) {
        this.json = json;
        this.policies = policies;
        this.processor = processor;
    }

    public Uni<Void> receive(MessageBatch batch) {
        List<Inbound> messages = read(batch);
        Log.debugf("Batch of %d messages from %s", messages.size(), batch.source());

        return policies.forMachines(messages.stream().map(Inbound::machine).toList())
                .chain(found -> processor.process(batch.source(), messages, found));
    }

    private List<Inbound> read(MessageBatch batch) {
        if (batch == null) {
            throw ApiException.badRequest("body", "a message batch is required");
        }
        if (batch.source() == null || batch.source().isBlank() || batch.source().length() > 100) {
            throw ApiException.badRequest("source", "source must name the sending service (1-100 characters)");
        }
        if (batch.messages() == null) {
            throw ApiException.badRequest("messages", "messages must be an array");
        }
        List<Inbound> messages = new ArrayList<>();
        for (int index = 0; index < batch.messages().size(); index++) {
            Message message = batch.messages().get(index);
            String field = "messages[" + index + "]";
            if (message == null || message.kind() == null || message.payload() == null) {
                throw ApiException.badRequest(field, field + " needs a kind and a payload");
            }
            Inbound inbound = read(message, field);
            if (inbound != null) {
                messages.add(inbound);
            }
        }
        return messages;
    }

    /** A kind this service does not handle is skipped, so a newer sender does not stall an older receiver. */
    private Inbound read(Message message, String field) {
        return switch (message.kind()) {
            case MessageKinds.MACHINE_REGISTERED -> {
                MachineRegistered registered = parse(message.payload(), MachineRegistered.class, field);
                validate(registered.machine(), field);
                yield Inbound.registered(message.id(), registered);
            }
            case MessageKinds.STATE_REPORTED -> {
                StateSnapshot snapshot = parse(message.payload(), StateSnapshot.class, field);
                validate(snapshot.machine(), field);
                if (snapshot.report() == null || snapshot.receivedAt() == null) {
                    throw ApiException.badRequest(field, field + " needs a report and receivedAt");
                }
                yield Inbound.reported(message.id(), snapshot);
            }
            default -> {
                Log.debugf("Skipping message %d of kind %s", message.id(), message.kind());
                yield null;
            }
        };
    }

    private <T> T parse(JsonNode payload, Class<T> type, String field) {
        try {
            return json.treeToValue(payload, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest(
                    field + ".payload", field + ".payload is not a valid " + type.getSimpleName());
        }
    }

    private static void validate(MachineRef machine, String field) {
        if (machine == null) {
            throw ApiException.badRequest(field + ".payload.machine", "the machine is required");
        }
        Identifiers.subscription(machine.subscriptionId());
        Identifiers.resourceGroup(machine.resourceGroup());
        Identifiers.machine(machine.name());
    }
}
