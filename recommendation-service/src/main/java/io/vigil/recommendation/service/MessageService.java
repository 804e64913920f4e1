package io.vigil.recommendation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.machine.AgentStatusChanged;
import io.vigil.common.machine.MachineDeleted;
import io.vigil.common.machine.MachineMoved;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.machine.MachineRegistered;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.problem.ApiException;
import io.vigil.common.state.StateSnapshot;
import io.vigil.common.validation.Identifiers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Takes a batch from another service's outbox. The whole batch is read and checked first, and the policies it needs
 * are fetched before the transaction opens, so no network call holds the transaction.
 *
 * <p>A service delivers only its own outbox: the batch's source must be the calling service, because the inbox keys
 * message ids by source and one sender must not be able to spend another's ids. Each kind has one sender.
 */
@ApplicationScoped
public class MessageService {

    static final String COLLECTOR = "collector";
    static final String POLICY = "policy";
    private static final Set<String> AGENT_STATUSES = Set.of("Reporting", "Unresponsive", "NeverReported");

    private final ObjectMapper json;
    private final PolicyLookup policies;
    private final MessageProcessor processor;

    public MessageService(ObjectMapper json, PolicyLookup policies, MessageProcessor processor) {
        this.json = json;
        this.policies = policies;
        this.processor = processor;
    }

    /** The batch's source has been checked to be the calling service. */
    public Uni<Void> receive(MessageBatch batch) {
        List<Inbound> messages = read(batch);
        List<PolicyChanged> changes = messages.stream()
                .map(Inbound::policyChanged)
                .filter(Objects::nonNull)
                .toList();
        Log.debugf("Batch of %d messages from %s", messages.size(), batch.source());

        // Recorded before the policies are read, so these reads, and every other replica's, see the changes.
        return policies.noticed(changes)
                .chain(() -> processor.resourceGroupsCoveredBy(changes))
                .chain(covered -> {
                    List<GroupRef> needed = new ArrayList<>(covered);
                    messages.stream()
                            .map(Inbound::machine)
                            .filter(Objects::nonNull)
                            .map(GroupRef::of)
                            .forEach(needed::add);
                    return policies.forGroups(needed);
                })
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
            Inbound inbound = read(message, field, batch.source());
            if (inbound != null) {
                messages.add(inbound);
            }
        }
        return messages;
    }

    /** A kind this service does not handle is skipped, so a newer sender does not stall an older receiver. */
    private Inbound read(Message message, String field, String source) {
        return switch (message.kind()) {
            case MessageKinds.MACHINE_REGISTERED -> {
                expectSender(COLLECTOR, source, message);
                MachineRegistered registered = parse(message.payload(), MachineRegistered.class, field);
                validate(registered.machine(), field);
                yield Inbound.registered(message.id(), registered);
            }
            case MessageKinds.STATE_REPORTED -> {
                expectSender(COLLECTOR, source, message);
                StateSnapshot snapshot = parse(message.payload(), StateSnapshot.class, field);
                validate(snapshot.machine(), field);
                if (snapshot.report() == null || snapshot.receivedAt() == null) {
                    throw ApiException.badRequest(field, field + " needs a report and receivedAt");
                }
                yield Inbound.reported(message.id(), snapshot);
            }
            case MessageKinds.AGENT_STATUS_CHANGED -> {
                expectSender(COLLECTOR, source, message);
                AgentStatusChanged change = parse(message.payload(), AgentStatusChanged.class, field);
                validate(change.machine(), field);
                if (!AGENT_STATUSES.contains(change.status())) {
                    throw ApiException.badRequest(field + ".payload.status", "status must be one of " + AGENT_STATUSES);
                }
                yield Inbound.agentStatus(message.id(), change);
            }
            case MessageKinds.MACHINE_MOVED -> {
                expectSender(COLLECTOR, source, message);
                MachineMoved moved = parse(message.payload(), MachineMoved.class, field);
                validate(moved.from(), field);
                validate(moved.to(), field);
                yield Inbound.moved(message.id(), moved);
            }
            case MessageKinds.MACHINE_DELETED -> {
                expectSender(COLLECTOR, source, message);
                MachineDeleted deleted = parse(message.payload(), MachineDeleted.class, field);
                validate(deleted.machine(), field);
                yield Inbound.deleted(message.id(), deleted);
            }
            case MessageKinds.POLICY_CHANGED -> {
                expectSender(POLICY, source, message);
                PolicyChanged change =
                        parse(message.payload(), PolicyChanged.class, field).validated(field + ".payload");
                yield Inbound.policyChanged(message.id(), change);
            }
            default -> {
                Log.debugf("Skipping message %d of kind %s", message.id(), message.kind());
                yield null;
            }
        };
    }

    private static void expectSender(String sender, String source, Message message) {
        if (!sender.equals(source)) {
            throw forbidden(message.kind() + " messages are accepted only from " + sender);
        }
    }

    private static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail);
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
        Identifiers.machineRef(machine);
    }
}
