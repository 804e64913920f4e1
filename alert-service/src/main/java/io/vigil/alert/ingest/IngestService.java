package io.vigil.alert.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vigil.alert.detection.Addresses;
import io.vigil.alert.detection.Catalogue;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.ObservedEvent;
import io.vigil.alert.detection.RuleSettings;
import io.vigil.alert.persistence.RuleOverrideRepository;
import io.vigil.common.events.EventBatch;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineDeleted;
import io.vigil.common.machine.MachineMoved;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.EffectivePolicies;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.policy.PolicyScope;
import io.vigil.common.policy.PricingTier;
import io.vigil.common.problem.ApiException;
import io.vigil.common.state.EndpointProtectionReported;
import io.vigil.common.validation.Identifiers;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes what the collector's outbox delivers: drops messages already processed, stores the events, and runs the
 * detections for the machines they touched, all in one transaction, so a delivery either counts completely or not at
 * all and can safely be repeated.
 *
 * <p>Policy-service's change notices are recorded where every replica sees them, so the next events of the scope are
 * judged by the new pricing tier whichever replica takes them. Recording happens before the transaction: if the
 * transaction then fails, the redelivery records once more, which is harmless.
 */
@ApplicationScoped
public class IngestService {

    /** The source name of policy-service's messages; only it announces policy changes. */
    static final String POLICY = "policy";

    /** The source name of the collector's messages: events, endpoint protection, deletions and moves of machines. */
    static final String COLLECTOR = "collector";

    private final Pool pool;
    private final EventStore events;
    private final Detections detections;
    private final ProtectionStates protection;
    private final MachineChanges machineChanges;
    private final RuleOverrideRepository overrides;
    private final EffectivePolicies policies;
    private final ObjectMapper json;

    public IngestService(
            Pool pool,
            EventStore events,
            Detections detections,
            ProtectionStates protection,
            MachineChanges machineChanges,
            RuleOverrideRepository overrides,
            EffectivePolicies policies,
            ObjectMapper json) {
        this.pool = pool;
        this.events = events;
        this.detections = detections;
        this.protection = protection;
        this.machineChanges = machineChanges;
        this.overrides = overrides;
        this.policies = policies;
        this.json = json;
    }

    public Uni<Void> receive(MessageBatch batch) {
        List<Incoming> incoming = parse(batch);

        return recordChangedPolicies(incoming)
                .chain(() -> pricingTiers(incoming))
                .chain(tiers -> pool.withTransaction(connection -> apply(connection, batch.source(), incoming, tiers)));
    }

    /**
     * Applies the messages in order and runs the detections for the machines their events touched. Before a machine is
     * deleted or moved, the detections for the events that came before run first, under the resource id those events
     * arrived with, so the change then applies to their alerts too.
     */
    private Uni<Void> apply(
            SqlConnection connection, String source, List<Incoming> incoming, Map<String, PricingTier> tiers) {
        Map<String, Touched> touched = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Incoming message : incoming) {
            chain = chain.chain(() -> events.markProcessed(connection, source, message.messageId())
                    .chain(isNew -> {
                        if (!isNew) {
                            return dropSeen(source, message.messageId());
                        }
                        if (message.machineChange() != null) {
                            return detect(connection, takeAll(touched), tiers)
                                    .chain(() -> message.machineChange().apply(connection, machineChanges));
                        }
                        if (message.protection() != null) {
                            return recordProtection(connection, message.protection(), touched);
                        }
                        return storeNew(connection, message, touched);
                    }));
        }
        return chain.chain(() -> detect(connection, touched, tiers));
    }

    private static Map<String, Touched> takeAll(Map<String, Touched> touched) {
        Map<String, Touched> taken = new LinkedHashMap<>(touched);
        touched.clear();
        return taken;
    }

    private Uni<Void> storeNew(SqlConnection connection, Incoming message, Map<String, Touched> touched) {
        if (message.events() == null) {
            return Uni.createFrom().voidItem();
        }
        MachineRef machine = message.events().machine();

        return store(connection, machine, message.rows(), touched)
                .invoke(stored -> Log.debugf(
                        "Stored %d events of %s from message %d",
                        (Object) stored, machine.resourceId(), message.messageId()))
                .replaceWithVoid();
    }

    private Uni<Integer> store(
            SqlConnection connection,
            MachineRef machine,
            List<EventStore.EventRow> rows,
            Map<String, Touched> touched) {
        return events.insert(connection, machine, rows).map(stored -> {
            for (EventStore.EventRow row : rows) {
                if (!stored.contains(row.id())) {
                    continue;
                }
                ObservedEvent event = row.observed(machine.key());
                for (DetectionRule rule : Catalogue.RULES) {
                    if (rule.matches(event)) {
                        arrivalsOf(touched, machine).add(rule, event);
                    }
                }
            }
            return stored.size();
        });
    }

    private static Arrivals arrivalsOf(Map<String, Touched> touched, MachineRef machine) {
        return touched.computeIfAbsent(machine.key(), key -> new Touched(machine, new Arrivals()))
                .arrivals();
    }

    /**
     * The switch-offs a report adds are stored as events, which the detections then see; when it takes one away (a
     * late report moved it earlier), the machine's AntimalwareDisabled alert is looked at again too.
     */
    private Uni<Void> recordProtection(
            SqlConnection connection, EndpointProtectionReported report, Map<String, Touched> touched) {
        MachineRef machine = report.machine();
        return protection.record(connection, report).chain(change -> {
            if (change.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            arrivalsOf(touched, machine).touch(Catalogue.ANTIMALWARE_DISABLED, "");
            return store(connection, machine, change.added(), touched)
                    .invoke(() -> Log.debugf(
                            "Endpoint protection of %s collected at %s: %d switch-offs added, %d taken back",
                            machine.resourceId(),
                            report.collectedAt(),
                            change.added().size(),
                            change.removed()))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> recordChangedPolicies(List<Incoming> incoming) {
        List<PolicyChanged> changes = incoming.stream()
                .map(Incoming::change)
                .filter(change -> change != null)
                .toList();
        return policies.noticed(changes)
                .invoke(() -> changes.forEach(change -> Log.debugf(
                        "Policy of subscription %s, resource group %s changed (version %d); kept policies outdated",
                        change.subscriptionId(), change.resourceGroup(), change.version())));
    }

    private static Uni<Void> dropSeen(String source, long messageId) {
        Log.debugf("Message %d from %s was processed before; dropped", messageId, source);
        return Uni.createFrom().voidItem();
    }

    /** Threat detection runs only where the machine's effective pricing tier is Standard. */
    private Uni<Void> detect(SqlConnection connection, Map<String, Touched> touched, Map<String, PricingTier> tiers) {
        Map<String, Map<String, RuleSettings>> settings = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Touched machine : touched.values()) {
            if (tiers.get(scopeKey(machine.machine())) == PricingTier.Standard) {
                String subscription = machine.machine().subscriptionId();
                chain = chain.chain(() -> settingsOf(connection, subscription, settings)
                        .chain(rules -> detections.detect(connection, machine.machine(), machine.arrivals(), rules)));
            }
        }
        return chain;
    }

    /** The rules' values for a subscription, read once per delivery. */
    private Uni<Map<String, RuleSettings>> settingsOf(
            SqlConnection connection, String subscriptionId, Map<String, Map<String, RuleSettings>> read) {
        Map<String, RuleSettings> known = read.get(subscriptionId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return overrides.effective(connection, subscriptionId).invoke(rules -> read.put(subscriptionId, rules));
    }

    /** Each touched resource group's tier, by {@link #scopeKey}; one database read for the delivery, not per event. */
    private Uni<Map<String, PricingTier>> pricingTiers(List<Incoming> incoming) {
        Map<String, PolicyScope> scopes = new LinkedHashMap<>();
        for (Incoming message : incoming) {
            MachineRef machine = message.events() != null
                    ? message.events().machine()
                    : message.protection() != null ? message.protection().machine() : null;
            if (machine != null) {
                scopes.putIfAbsent(
                        scopeKey(machine), new PolicyScope(machine.subscriptionId(), machine.resourceGroup()));
            }
        }
        return policies.of(scopes.values())
                .onFailure()
                .transform(failure -> {
                    Log.warnf("Effective policies of %s could not be read: %s", scopes.keySet(), failure.getMessage());
                    return ApiException.unavailable("The effective policy could not be read; retry later");
                })
                .map(found -> {
                    Map<String, PricingTier> tiers = new LinkedHashMap<>();
                    found.forEach((scope, effective) -> tiers.put(scope, tierOf(effective)));
                    return tiers;
                });
    }

    private static PricingTier tierOf(EffectivePolicy effective) {
        return effective == null || effective.pricingTier() == null ? PricingTier.Free : effective.pricingTier();
    }

    private static String scopeKey(MachineRef machine) {
        return new PolicyScope(machine.subscriptionId(), machine.resourceGroup()).key();
    }

    private List<Incoming> parse(MessageBatch batch) {
        if (batch == null) {
            throw ApiException.badRequest("body", "a message batch is required");
        }
        if (batch.source() == null || batch.source().isBlank()) {
            throw ApiException.badRequest("source", "source must name the sending service");
        }
        if (batch.messages() == null) {
            throw ApiException.badRequest("messages", "messages must be an array");
        }
        List<Incoming> incoming = new ArrayList<>();
        for (int i = 0; i < batch.messages().size(); i++) {
            Message message = batch.messages().get(i);
            String field = "messages[" + i + "]";
            if (message == null || message.kind() == null) {
                throw ApiException.badRequest(field, "each message needs an id and a kind");
            }
            if (MessageKinds.EVENTS_NORMALIZED.equals(message.kind())) {
                EventBatch events = eventBatch(message, field);
                incoming.add(new Incoming(
                        message.id(), events, rows(batch.source(), message.id(), events, field), null, null, null));
            } else if (MessageKinds.POLICY_CHANGED.equals(message.kind()) && POLICY.equals(batch.source())) {
                incoming.add(new Incoming(message.id(), null, List.of(), policyChange(message, field), null, null));
            } else if (MessageKinds.ENDPOINT_PROTECTION_REPORTED.equals(message.kind())
                    && COLLECTOR.equals(batch.source())) {
                incoming.add(new Incoming(message.id(), null, List.of(), null, null, protectionReport(message, field)));
            } else if (MessageKinds.MACHINE_DELETED.equals(message.kind()) && COLLECTOR.equals(batch.source())) {
                MachineDeleted deleted = payload(message, MachineDeleted.class, field);
                validate(deleted.machine(), field);
                incoming.add(new Incoming(
                        message.id(),
                        null,
                        List.of(),
                        null,
                        (connection, changes) -> changes.delete(connection, deleted.machine()),
                        null));
            } else if (MessageKinds.MACHINE_MOVED.equals(message.kind()) && COLLECTOR.equals(batch.source())) {
                MachineMoved moved = payload(message, MachineMoved.class, field);
                validate(moved.from(), field);
                validate(moved.to(), field);
                incoming.add(new Incoming(
                        message.id(),
                        null,
                        List.of(),
                        null,
                        (connection, changes) -> changes.move(connection, moved.from(), moved.to()),
                        null));
            } else {
                Log.debugf("Message %d of kind %s is not for this service", message.id(), message.kind());
                incoming.add(new Incoming(message.id(), null, List.of(), null, null, null));
            }
        }
        return incoming;
    }

    private EventBatch eventBatch(Message message, String field) {
        EventBatch events;
        try {
            events = message.payload() == null ? null : json.treeToValue(message.payload(), EventBatch.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(field + ".payload", "payload is not an EventBatch");
        }
        if (events == null || events.machine() == null || events.events() == null) {
            throw ApiException.badRequest(field + ".payload", "payload needs a machine and an events array");
        }
        validate(events.machine(), field);
        return events;
    }

    private <T> T payload(Message message, Class<T> type, String field) {
        try {
            T payload = message.payload() == null ? null : json.treeToValue(message.payload(), type);
            if (payload != null) {
                return payload;
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.badRequest(field + ".payload", "payload is not a " + type.getSimpleName());
    }

    private static void validate(MachineRef machine, String field) {
        if (machine == null) {
            throw ApiException.badRequest(field + ".payload", "payload needs a machine");
        }
        Identifiers.machineRef(machine);
    }

    private EndpointProtectionReported protectionReport(Message message, String field) {
        EndpointProtectionReported report = payload(message, EndpointProtectionReported.class, field);
        validate(report.machine(), field);
        if (report.collectedAt() == null || report.endpointProtection() == null) {
            throw ApiException.badRequest(
                    field + ".payload", "payload needs collectedAt and an endpointProtection section");
        }
        return report;
    }

    private PolicyChanged policyChange(Message message, String field) {
        return PolicyChanged.read(json, message.payload(), field + ".payload");
    }

    /**
     * An event without an id gets one derived from the message id and its position, so a redelivered message that
     * slipped past the inbox still cannot store it twice.
     */
    private static List<EventStore.EventRow> rows(String source, long messageId, EventBatch batch, String field) {
        List<EventStore.EventRow> rows = new ArrayList<>();
        for (int i = 0; i < batch.events().size(); i++) {
            NormalizedEvent event = batch.events().get(i);
            String eventField = field + ".payload.events[" + i + "]";
            if (event == null || event.time() == null || event.category() == null || event.action() == null) {
                throw ApiException.badRequest(eventField, "each event needs a time, a category and an action");
            }
            UUID id = event.id() != null
                    ? event.id()
                    : UUID.nameUUIDFromBytes((source + "/" + messageId + "/" + i).getBytes(StandardCharsets.UTF_8));
            rows.add(new EventStore.EventRow(
                    id,
                    event.time(),
                    event.category(),
                    event.action(),
                    Math.max(1, event.count()),
                    trimmed(event.program()),
                    Addresses.normalize(event.sourceAddress()),
                    event.sourcePort(),
                    Addresses.normalize(event.destinationAddress()),
                    event.destinationPort(),
                    trimmed(event.protocol()),
                    trimmed(event.account()),
                    trimmed(event.group()),
                    trimmed(event.process()),
                    trimmed(event.parentProcess()),
                    trimmed(event.commandLine()),
                    trimmed(event.logonType()),
                    trimmed(event.threat()),
                    trimmed(event.file()),
                    event.raw()));
        }
        return rows;
    }

    /** Surrounding blanks say nothing; a blank value is no value, so it compares as missing everywhere. */
    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * One delivered message as understood: events, a policy change, a change of a machine, an endpoint protection
     * report, or none of them (a kind this service ignores).
     */
    private record Incoming(
            long messageId,
            EventBatch events,
            List<EventStore.EventRow> rows,
            PolicyChanged change,
            MachineChange machineChange,
            EndpointProtectionReported protection) {}

    /** A machine's deletion or move, applied in the delivery's transaction. */
    @FunctionalInterface
    private interface MachineChange {
        Uni<Void> apply(SqlConnection connection, MachineChanges changes);
    }

    /** A machine and what the delivery's events brought it, by rule and subject. */
    private record Touched(MachineRef machine, Arrivals arrivals) {}
}
