package io.vigil.recommendation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vigil.common.machine.MachineMoved;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.machine.MachineRegistered;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.state.StateSnapshot;
import io.vigil.recommendation.evaluation.Assessment;
import io.vigil.recommendation.evaluation.Lifecycle;
import io.vigil.recommendation.evaluation.MachineFacts;
import io.vigil.recommendation.evaluation.Raised;
import io.vigil.recommendation.evaluation.RecommendationEvaluator;
import io.vigil.recommendation.health.HealthEvaluator;
import io.vigil.recommendation.health.HealthJudgment;
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
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Applies a batch of messages in order, in one transaction: the machines, their state and their recommendations. */
@ApplicationScoped
public class MessageProcessor {

    private static final String REEVALUATION_LOCK =
            "select pg_try_advisory_xact_lock(hashtext('recommendation.timed-reevaluation'))";

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

    /**
     * The resource groups with machines that policy changes cover, for reading their effective policies before the
     * transaction opens.
     */
    @WithSession
    Uni<List<GroupRef>> resourceGroupsCoveredBy(List<PolicyChanged> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<GroupRef> covered = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PolicyChanged change : changes) {
            chain = chain.chain(() -> machines.listResourceGroups(change.subscriptionId(), groupKeyOf(change))
                            .invoke(groups ->
                                    groups.forEach(group -> covered.add(new GroupRef(change.subscriptionId(), group)))))
                    .replaceWithVoid();
        }
        return chain.replaceWith(covered);
    }

    /**
     * Each message's changes are flushed when it is done and the session is then cleared, so that a flush checks only
     * the entities of the message at hand rather than every machine and recommendation the batch has touched so far.
     */
    @WithTransaction
    Uni<Void> process(String source, List<Inbound> messages, PolicySet policies) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Inbound message : messages) {
            chain = chain.chain(() -> processOnce(source, message, policies))
                    .chain(() -> Panache.getSession())
                    .chain(session -> session.flush().invoke(session::clear));
        }
        return chain;
    }

    private Uni<Void> processOnce(String source, Inbound message, PolicySet policies) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return inbox.recordFirstDelivery(source, message.id(), now).chain(first -> {
            if (!first) {
                Log.debugf("Dropping message %d from %s: already processed", message.id(), source);
                return Uni.createFrom().voidItem();
            }
            if (message.policyChanged() != null) {
                return reevaluate(message.policyChanged(), policies, now);
            }
            if (message.deleted() != null) {
                MachineRef machine = message.deleted().machine();
                return forget(machine)
                        .chain(() -> reconcileScopes(machine.subscriptionId(), scopesOf(machine), Map.of(), now));
            }
            if (message.moved() != null) {
                return move(message.moved(), policies.of(message.machine()), now);
            }
            return apply(message, policies.of(message.machine()), now);
        });
    }

    /**
     * How many machines a policy change re-evaluates at a time. A page holds its machines' parsed state and their
     * recommendations' evidence while it is assessed; kept small, that dies young instead of being copied by every
     * young collection, which cost a page of 250 a fifth of its time in a heap of 256 MiB.
     */
    static final int REEVALUATION_PAGE = 100;

    /**
     * Re-evaluates every machine a policy change covers from its stored state, without waiting for its next report.
     * The machines are read a page at a time, read only, with their recommendations in one query per page; state
     * changes are written as a few bulk updates and new recommendations as statement batches, so a scope of thousands
     * of machines costs a handful of round trips per page rather than one per machine, and memory holds one page. The
     * data collection scopes are judged after every machine's new settings are written, also when the change covers
     * no machine any more.
     */
    private Uni<Void> reevaluate(PolicyChanged change, PolicySet policies, Instant now) {
        Reevaluated totals = new Reevaluated();
        totals.scopeKeys.addAll(scopesOf(change));
        return reevaluatePages(change, policies, now, totals)
                .chain(() -> recommendations.listOpenDataCollectionScopes(change.subscriptionId()))
                .invoke(totals.scopeKeys::addAll)
                .invoke(() -> Log.infof(
                        "Policy change of %s re-evaluated %d machines: %d recommendations raised, %d changed",
                        scopeOf(change), totals.machines, totals.raised, totals.changed))
                .chain(() -> reconcileScopes(change.subscriptionId(), totals.scopeKeys, totals.scopes, now));
    }

    /** What the pages of a policy change's re-evaluation add up to. */
    private static final class Reevaluated {
        final Map<String, Assessment> scopes = new LinkedHashMap<>();
        final Set<String> scopeKeys = new LinkedHashSet<>();
        int machines;
        int raised;
        int changed;
    }

    /**
     * Re-evaluates the covered machines page after page. The pages run one after the other as a repetition rather
     * than nested, so that nothing a finished page read stays reachable while the next runs.
     */
    private Uni<Void> reevaluatePages(PolicyChanged change, PolicySet policies, Instant now, Reevaluated totals) {
        return Multi.createBy()
                .repeating()
                .uni(
                        () -> new String[] {null},
                        cursor -> reevaluatePage(cursor[0], change, policies, now, totals)
                                .invoke(next -> cursor[0] = next))
                .whilst(next -> !next.isEmpty())
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * Re-evaluates the page of covered machines after {@code afterKey} (null for the first) and answers the key to
     * continue after, or an empty string when this page was the last.
     */
    private Uni<String> reevaluatePage(
            String afterKey, PolicyChanged change, PolicySet policies, Instant now, Reevaluated totals) {
        String subscriptionId = change.subscriptionId();
        return machines.listForEvaluation(subscriptionId, groupKeyOf(change), afterKey, REEVALUATION_PAGE)
                .chain(page -> {
                    if (page.isEmpty()) {
                        return Uni.createFrom().item("");
                    }
                    Reevaluation evaluation = assess(page, policies, now);
                    evaluation.scopes().forEach(totals.scopes::putIfAbsent);
                    totals.scopeKeys.addAll(evaluation.scopeKeys());
                    totals.machines += evaluation.machines().size();
                    List<String> keys =
                            page.stream().map(machine -> machine.machineKey).toList();
                    String next = page.size() < REEVALUATION_PAGE ? "" : keys.get(keys.size() - 1);
                    // What was read was read only, and what changes is written in bulk: leaving the session at
                    // once spares each bulk statement's flush a walk over every entity of the page.
                    return clearSession()
                            .chain(() -> machines.updateHealth(evaluation.judged()))
                            .chain(() -> machines.updateDataCollection(evaluation.following()))
                            .chain(() -> recommendations.listOnMachines(subscriptionId, keys))
                            .call(this::clearSession)
                            .chain(stored -> write(evaluation.machines(), stored, totals, now))
                            .chain(() -> Panache.getSession())
                            .chain(session -> session.flush().invoke(session::clear))
                            .replaceWith(next);
                });
    }

    private Uni<Void> clearSession() {
        return Panache.getSession().invoke(session -> session.clear()).replaceWithVoid();
    }

    /** Writes what a page's assessments change on its machines' stored recommendations. */
    private Uni<Void> write(
            List<Assessment> assessments, List<RecommendationEntity> stored, Reevaluated totals, Instant now) {
        Reconciled outcome = reconcile(assessments, stored, now);
        totals.raised += outcome.created().size();
        totals.changed += outcome.changed();
        return recommendations
                .updateStates(outcome.stateChanged(), now)
                .chain(() -> recommendations.updateContent(outcome.contentChanged()))
                .chain(() -> persist(outcome.created()));
    }

    /**
     * What a policy change found for its machines: each machine's assessment; each data collection scope's, once by
     * its key however many machines share it; the machines whose health changed, by their new health; and those whose
     * data collection now follows another scope's Off (or none: the null key), by that scope.
     */
    private record Reevaluation(
            List<Assessment> machines,
            Map<String, Assessment> scopes,
            Map<HealthJudgment, List<String>> judged,
            Map<String, List<String>> following,
            Set<String> scopeKeys) {}

    private static Reevaluation assess(List<MachineEntity> covered, PolicySet policies, Instant now) {
        Reevaluation evaluation = new Reevaluation(
                new ArrayList<>(), new LinkedHashMap<>(), new HashMap<>(), new HashMap<>(), new LinkedHashSet<>());
        for (MachineEntity machine : covered) {
            EffectivePolicy policy = policies.of(machine.ref());
            if (policy == null) {
                // Registered after the policies were read: its next report is evaluated with the new policy.
                Log.debugf("Machine %s has no policy read for this change; left to its next report", machine.ref());
                continue;
            }
            MachineFacts facts = machine.facts();
            Assessment assessment = RecommendationEvaluator.evaluateMachine(facts, machine.state, policy, now);
            evaluation.machines().add(assessment);
            HealthJudgment health = HealthEvaluator.evaluate(facts, machine.state, policy, assessment, now);
            if (!health.controls().equals(machine.health) || !health.reasons().equals(machine.healthReasons)) {
                evaluation
                        .judged()
                        .computeIfAbsent(health, key -> new ArrayList<>())
                        .add(machine.machineKey);
            }
            Assessment scope = RecommendationEvaluator.evaluateDataCollection(policy);
            String offBy = offBy(scope);
            if (!Objects.equals(offBy, machine.dataCollectionOffBy)) {
                evaluation
                        .following()
                        .computeIfAbsent(offBy, key -> new ArrayList<>())
                        .add(machine.machineKey);
            }
            evaluation.scopes().putIfAbsent(RecommendationIds.keyOf(scope.resourceId()), scope);
            evaluation.scopeKeys().addAll(scopesOf(machine.ref()));
        }
        return evaluation;
    }

    private static String groupKeyOf(PolicyChanged change) {
        return change.resourceGroup() == null ? null : change.resourceGroup().toLowerCase(Locale.ROOT);
    }

    private static String scopeOf(PolicyChanged change) {
        String subscription = "/subscriptions/" + change.subscriptionId();
        return change.resourceGroup() == null
                ? subscription
                : subscription + "/resourceGroups/" + change.resourceGroup();
    }

    /** The scope keys a policy change can decide data collection on: the subscription, and its resource group. */
    private static List<String> scopesOf(PolicyChanged change) {
        String subscription = RecommendationIds.keyOf("/subscriptions/" + change.subscriptionId());
        return change.resourceGroup() == null
                ? List.of(subscription)
                : List.of(subscription, RecommendationIds.keyOf(scopeOf(change)));
    }

    /** The scope keys that can decide a machine's data collection: its subscription, and its resource group. */
    private static List<String> scopesOf(MachineRef machine) {
        return List.of(
                RecommendationIds.keyOf("/subscriptions/" + machine.subscriptionId()),
                RecommendationIds.keyOf(machine.resourceGroupId()));
    }

    /** The key of the scope whose Off a machine with this data collection assessment follows; null when it is On. */
    private static String offBy(Assessment scope) {
        return scope.raised().isEmpty() ? null : RecommendationIds.keyOf(scope.resourceId());
    }

    /**
     * The scopes' EnableDataCollection as the machines left them: resolved on a scope no machine follows the Off of;
     * raised on one some machine follows, with the evidence of its fresh assessment. A scope still followed that was
     * not assessed now keeps the state it has, since its evidence is not at hand.
     */
    private static List<Assessment> scopeAssessments(
            Collection<String> scopeKeys, Set<String> followed, Map<String, Assessment> fresh) {
        List<Assessment> assessments = new ArrayList<>();
        for (String scopeKey : scopeKeys) {
            Assessment assessed = fresh.get(scopeKey);
            if (!followed.contains(scopeKey)) {
                assessments.add(
                        new Assessment(scopeKey, EnumSet.of(RecommendationType.EnableDataCollection), List.of()));
            } else if (assessed != null && !assessed.raised().isEmpty()) {
                assessments.add(assessed);
            }
        }
        return assessments;
    }

    /**
     * Brings the EnableDataCollection recommendations of these scopes in line with the machines stored now, after the
     * machines' own changes are flushed: whether a setting changed or a scope's last machine was deleted or moved away.
     */
    private Uni<Void> reconcileScopes(
            String subscriptionId, Collection<String> scopeKeys, Map<String, Assessment> fresh, Instant now) {
        return Panache.getSession()
                .chain(session -> session.flush())
                .chain(() -> machines.listScopesFollowedOff(subscriptionId, scopeKeys))
                .chain(followed -> recommendations.listDataCollection(scopeKeys).chain(stored -> {
                    Reconciled outcome = reconcile(scopeAssessments(scopeKeys, followed, fresh), stored, now);
                    if (!outcome.created().isEmpty() || outcome.changed() > 0) {
                        Log.infof(
                                "Data collection of %s: %d recommendations raised, %d changed",
                                scopeKeys, outcome.created().size(), outcome.changed());
                    }
                    return persist(outcome.created());
                }));
    }

    /** A deleted machine leaves nothing behind: neither its state nor a recommendation under its resource id. */
    private Uni<Void> forget(MachineRef machine) {
        return recommendations
                .deleteByResource(machine.key())
                .chain(removed -> machines.deleteById(machine.key()).invoke(found -> {
                    if (found || removed > 0) {
                        Log.infof("Machine %s removed with its %d recommendations", machine.resourceId(), removed);
                    }
                }))
                .replaceWithVoid();
    }

    /**
     * A moved machine keeps its state under its new resource id and is evaluated there with its new group's policy;
     * its recommendations under the old resource id are removed, since their ids are derived from it.
     */
    private Uni<Void> move(MachineMoved moved, EffectivePolicy policy, Instant now) {
        // The collector moved it onto a free name, so anything still held there is stale and would block the move.
        return forget(moved.to())
                .chain(() -> machines.findById(moved.from().key()))
                .chain(found -> {
                    MachineEntity machine = found != null ? found.movedTo(moved.to()) : MachineEntity.of(moved.to());
                    machine.updatedAt = now;
                    Uni<Void> removeOld = found == null ? Uni.createFrom().voidItem() : machines.delete(found);
                    return removeOld
                            .chain(() -> recommendations.deleteByResource(
                                    moved.from().key()))
                            .chain(() -> Panache.getSession().chain(session -> session.flush()))
                            .chain(() -> machines.persist(machine));
                })
                .invoke(machine -> Log.infof(
                        "Machine %s moved to %s",
                        moved.from().resourceId(), moved.to().resourceId()))
                .chain(machine -> evaluate(machine, policy, now, scopesOf(moved.from())));
    }

    private Uni<Void> apply(Inbound message, EffectivePolicy policy, Instant now) {
        return machines.findById(message.machine().key())
                .chain(found -> {
                    MachineEntity machine = found != null ? found : MachineEntity.of(message.machine());
                    if (message.registered() != null) {
                        register(machine, message.registered());
                    } else if (message.agentStatus() != null) {
                        machine.agentStatus = message.agentStatus().status();
                        machine.lastHeartbeat = message.agentStatus().lastHeartbeat();
                    } else {
                        mergeState(machine, message.snapshot());
                    }
                    machine.updatedAt = now;
                    return machines.persist(machine);
                })
                .chain(machine -> evaluate(machine, policy, now));
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

    /**
     * Evaluates machines again from their stored state, for what time alone changed. Run by one replica at a time: a
     * replica that finds the lock held leaves the round to the one holding it.
     */
    @WithTransaction
    Uni<Void> reevaluateMachines(List<String> machineKeys, PolicySet policies, Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(REEVALUATION_LOCK, Boolean.class)
                        .getSingleResult())
                .chain(locked -> {
                    if (!locked) {
                        return Uni.createFrom().voidItem();
                    }
                    return machines.listByKeys(machineKeys).chain(found -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (MachineEntity machine : found) {
                            EffectivePolicy policy = policies.of(machine.ref());
                            if (policy != null) {
                                chain = chain.chain(() -> evaluate(machine, policy, now));
                            }
                        }
                        return chain.chain(() -> Panache.getSession().chain(session -> session.flush()))
                                .invoke(() -> Log.debugf("%d machines judged again", found.size()));
                    });
                });
    }

    /** The machine's recommendations and health; the machine must be managed, so its health is written at flush. */
    Uni<Void> evaluate(MachineEntity machine, EffectivePolicy policy, Instant now) {
        return evaluate(machine, policy, now, List.of());
    }

    /**
     * As {@link #evaluate(MachineEntity, EffectivePolicy, Instant)}, and the data collection of the scopes the machine
     * is in now and of {@code formerScopes}, those it left by a move.
     */
    private Uni<Void> evaluate(
            MachineEntity machine, EffectivePolicy policy, Instant now, Collection<String> formerScopes) {
        MachineFacts facts = machine.facts();
        Assessment assessment = RecommendationEvaluator.evaluateMachine(facts, machine.state, policy, now);
        Assessment scope = RecommendationEvaluator.evaluateDataCollection(policy);
        HealthJudgment health = HealthEvaluator.evaluate(facts, machine.state, policy, assessment, now);
        machine.health = health.controls();
        machine.healthReasons = health.reasons();
        machine.healthState = machine.health.overall();
        machine.reevaluateAt = HealthEvaluator.reevaluateAt(facts, machine.state, policy, now);
        machine.dataCollectionOffBy = offBy(scope);
        Set<String> scopeKeys = new LinkedHashSet<>(formerScopes);
        scopeKeys.addAll(scopesOf(machine.ref()));

        return upsert(assessment, now)
                .chain(() -> reconcileScopes(
                        machine.subscriptionId,
                        scopeKeys,
                        Map.of(RecommendationIds.keyOf(scope.resourceId()), scope),
                        now));
    }

    private Uni<Void> upsert(Assessment assessment, Instant now) {
        String resourceKey = RecommendationIds.keyOf(assessment.resourceId());
        return recommendations.listByResource(resourceKey).chain(stored -> {
            Reconciled outcome = reconcile(List.of(assessment), stored, now);
            if (!outcome.created().isEmpty() || outcome.changed() > 0) {
                Log.infof(
                        "%s: %d recommendations raised, %d changed",
                        assessment.resourceId(), outcome.created().size(), outcome.changed());
            }
            return persist(outcome.created());
        });
    }

    private Uni<Void> persist(List<RecommendationEntity> created) {
        return created.isEmpty() ? Uni.createFrom().voidItem() : recommendations.persist(created);
    }

    /**
     * What a reconciliation produced: the recommendations to create, the stored ones whose state alone changed, and
     * those whose severity or details changed too. The changes are made on the entities themselves, which a managed
     * entity writes at flush and a read-only one leaves to the caller.
     */
    private record Reconciled(
            List<RecommendationEntity> created,
            List<RecommendationEntity> stateChanged,
            List<RecommendationEntity> contentChanged) {

        int changed() {
            return stateChanged.size() + contentChanged.size();
        }
    }

    private enum Change {
        NONE,
        STATE,
        CONTENT
    }

    /**
     * Brings the stored recommendations in line with the assessments: changes the managed ones in place and answers
     * those to create.
     */
    private Reconciled reconcile(List<Assessment> assessments, List<RecommendationEntity> stored, Instant now) {
        Map<String, Map<RecommendationType, RecommendationEntity>> byResource = new HashMap<>();
        stored.forEach(entity -> byResource
                .computeIfAbsent(entity.resourceKey, key -> new EnumMap<>(RecommendationType.class))
                .put(entity.type, entity));
        List<RecommendationEntity> created = new ArrayList<>();
        List<RecommendationEntity> stateChanged = new ArrayList<>();
        List<RecommendationEntity> contentChanged = new ArrayList<>();
        for (Assessment assessment : assessments) {
            Map<RecommendationType, RecommendationEntity> byType =
                    byResource.getOrDefault(RecommendationIds.keyOf(assessment.resourceId()), Map.of());
            Map<RecommendationType, Raised> raised = new EnumMap<>(RecommendationType.class);
            assessment.raised().forEach(item -> raised.put(item.type(), item));
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
                    switch (update(existing, next, wanted, now)) {
                        case STATE -> stateChanged.add(existing);
                        case CONTENT -> contentChanged.add(existing);
                        case NONE -> {}
                    }
                }
            }
        }
        return new Reconciled(created, stateChanged, contentChanged);
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
        Log.debugf("Recommendation %s raised on %s", raised.type(), resourceId);
        return entity;
    }

    private Change update(RecommendationEntity entity, RecommendationState next, Raised raised, Instant now) {
        Change change = next != entity.state ? Change.STATE : Change.NONE;
        if (change == Change.STATE) {
            Log.debugf("Recommendation %s on %s is now %s", entity.type, entity.resourceId, next);
        }
        entity.changeState(next, now);
        if (raised != null) {
            JsonNode details = json.valueToTree(raised.details());
            if (raised.severity() != entity.severity || !details.equals(entity.details)) {
                entity.severity = raised.severity();
                entity.details = details;
                entity.updatedAt = now;
                change = Change.CONTENT;
            }
        }
        return change;
    }
}
