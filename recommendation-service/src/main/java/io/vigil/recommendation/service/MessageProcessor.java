package io.vigil.recommendation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.machine.MachineRegistered;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.state.StateSnapshot;
import io.vigil.recommendation.evaluation.Assessment;
import io.vigil.recommendation.evaluation.Lifecycle;
import io.vigil.recommendation.evaluation.MachineFacts;
import io.vigil.recommendation.evaluation.Raised;
import io.vigil.recommendation.evaluation.RecommendationEvaluator;
import io.vigil.recommendation.model.RecommendationIds;
import io.vigil.recommendation.model.RecommendationState;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.model.ResourcePath;
import io.vigil.recommendation.persistence.InboxRepository;
import io.vigil.recommendation.persistence.MachineEntity;
import io.vigil.recommendation.persistence.MachineRepository;
import io.vigil.recommendation.persistence.RecommendationEntity;
import io.vigil.recommendation.persistence.RecommendationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Applies a batch of messages in order, in one transaction: the machines, their state and their recommendations. */
@ApplicationScoped
public class MessageProcessor {

    private final InboxRepository inbox;
    private final MachineRepository machines;
    private final RecommendationRepository recommendations;
    private final ObjectMapper json;

    public MessageProcessor(
            InboxRepository inbox,
            MachineRepository machines,
            RecommendationRepository recommendations,
            ObjectMapper json) {
        this.inbox = inbox;
        this.machines = machines;
        this.recommendations = recommendations;
        this.json = json;
    }

    @WithTransaction
    public Uni<Void> process(String source, List<Inbound> messages, PolicySet policies) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Inbound message : messages) {
            chain = chain.chain(() -> processOnce(source, message, policies.of(message.machine())));
        }
        return chain;
    }

    private Uni<Void> processOnce(String source, Inbound message, EffectivePolicy policy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return inbox.recordFirstDelivery(source, message.id(), now).chain(first -> {
            if (!first) {
                Log.debugf("Dropping message %d from %s: already processed", message.id(), source);
                return Uni.createFrom().voidItem();
            }
            return apply(message, policy, now);
        });
    }

    private Uni<Void> apply(Inbound message, EffectivePolicy policy, Instant now) {
        return machines.findById(message.machine().key())
                .chain(found -> {
                    MachineEntity machine = found != null ? found : MachineEntity.of(message.machine());
                    if (message.registered() != null) {
                        register(machine, message.registered());
                    } else {
                        mergeState(machine, message.snapshot());
                    }
                    machine.updatedAt = now;
                    return machines.persist(machine);
                })
                .chain(machine -> evaluate(machine, policy, now))
                .chain(() -> Panache.getSession().chain(session -> session.flush()));
    }

    private static void register(MachineEntity machine, MachineRegistered registered) {
        machine.vmId = registered.vmId();
        machine.osType = registered.osType();
        machine.osName = registered.osName();
        machine.osVersion = registered.osVersion();
        machine.agentVersion = registered.agentVersion();
        machine.registeredAt = registered.registeredAt();
    }

    private static void mergeState(MachineEntity machine, StateSnapshot snapshot) {
        machine.state = machine.state.merge(snapshot.report(), snapshot.receivedAt());
        if (snapshot.osType() != null) {
            machine.osType = snapshot.osType();
        }
    }

    private Uni<Void> evaluate(MachineEntity machine, EffectivePolicy policy, Instant now) {
        MachineFacts facts = new MachineFacts(machine.ref().resourceId(), machine.osType);
        List<Assessment> assessments = RecommendationEvaluator.evaluate(facts, machine.state, policy);

        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Assessment assessment : assessments) {
            chain = chain.chain(() -> upsert(assessment, now));
        }
        return chain;
    }

    /** Brings the stored recommendations of one resource in line with its assessment. */
    private Uni<Void> upsert(Assessment assessment, Instant now) {
        String resourceKey = RecommendationIds.keyOf(assessment.resourceId());
        Map<RecommendationType, Raised> raised = new EnumMap<>(RecommendationType.class);
        assessment.raised().forEach(item -> raised.put(item.type(), item));

        return recommendations.listByResource(resourceKey).chain(stored -> {
            Map<RecommendationType, RecommendationEntity> byType = new EnumMap<>(RecommendationType.class);
            stored.forEach(entity -> byType.put(entity.type, entity));
            List<RecommendationEntity> created = new ArrayList<>();
            for (RecommendationType type : assessment.assessed()) {
                RecommendationEntity existing = byType.get(type);
                Raised wanted = raised.get(type);
                RecommendationState next = existing == null
                        ? Lifecycle.next(null, null, wanted != null, now)
                        : Lifecycle.next(existing.state, existing.dismissExpiresAt, wanted != null, now);
                if (next == null) {
                    continue;
                }
                if (existing == null) {
                    created.add(create(assessment.resourceId(), wanted, now));
                } else {
                    update(existing, next, wanted, now);
                }
            }
            return created.isEmpty() ? Uni.createFrom().voidItem() : recommendations.persist(created);
        });
    }

    private RecommendationEntity create(String resourceId, Raised raised, Instant now) {
        ResourcePath path = ResourcePath.parse(resourceId);
        RecommendationEntity entity = new RecommendationEntity();
        entity.id = RecommendationIds.of(resourceId, raised.type());
        entity.subscriptionId = path.subscriptionId();
        entity.resourceId = resourceId;
        entity.resourceKey = RecommendationIds.keyOf(resourceId);
        entity.resourceGroupKey = path.resourceGroupKey();
        entity.machineKey = path.machineKey();
        entity.type = raised.type();
        entity.severity = raised.severity();
        entity.state = RecommendationState.Active;
        entity.firstSeen = now;
        entity.stateChangedAt = now;
        entity.details = json.valueToTree(raised.details());
        entity.updatedAt = now;
        Log.infof("Recommendation %s raised on %s", raised.type(), resourceId);
        return entity;
    }

    private void update(RecommendationEntity entity, RecommendationState next, Raised raised, Instant now) {
        if (next != entity.state) {
            Log.infof("Recommendation %s on %s is now %s", entity.type, entity.resourceId, next);
        }
        entity.changeState(next, now);
        if (raised != null) {
            JsonNode details = json.valueToTree(raised.details());
            if (raised.severity() != entity.severity || !details.equals(entity.details)) {
                entity.severity = raised.severity();
                entity.details = details;
                entity.updatedAt = now;
            }
        }
    }
}
