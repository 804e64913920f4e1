package io.vigil.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.outbox.OutboxSettings;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.policy.model.EffectivePolicyResolver;
import io.vigil.policy.model.PolicyChange;
import io.vigil.policy.model.PolicySettings;
import io.vigil.policy.persistence.PolicyChangeEntity;
import io.vigil.policy.persistence.PolicyRepository;
import io.vigil.policy.persistence.ScopePolicyEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads and changes scope policies. Every change gets a new version, an entry in the history and a {@code
 * PolicyChanged} message to every service that acts on policies, all in one transaction.
 */
@ApplicationScoped
public class PolicyService {

    private final PolicyRepository policies;
    private final Outbox outbox;
    private final List<String> destinations;

    public PolicyService(PolicyRepository policies, Outbox outbox, OutboxSettings outboxSettings) {
        this.policies = policies;
        this.outbox = outbox;
        this.destinations =
                List.copyOf(new TreeSet<>(outboxSettings.destinations().keySet()));
    }

    @WithSession
    public Uni<VersionedSettings> find(String subscriptionId, String resourceGroup) {
        return policies.findScope(subscriptionId, resourceGroup)
                .map(stored -> stored == null
                        ? new VersionedSettings(PolicySettings.EMPTY, 0)
                        : new VersionedSettings(stored.settings(), etagVersion(stored)));
    }

    @WithSession
    public Uni<EffectivePolicy> effective(String subscriptionId, String resourceGroup) {
        return policies.findScopes(subscriptionId, resourceGroup).map(scopes -> {
            PolicySettings subscription = PolicySettings.EMPTY;
            PolicySettings group = PolicySettings.EMPTY;
            for (ScopePolicyEntity scope : scopes) {
                if (scope.resourceGroupKey.isEmpty()) {
                    subscription = scope.settings();
                } else {
                    group = scope.settings();
                }
            }
            return EffectivePolicyResolver.resolve(subscriptionId, resourceGroup, subscription, group);
        });
    }

    /**
     * Replaces a scope's settings. {@code ifMatch}, from {@code If-Match}, must hold for the stored version. Of two
     * writers racing on one scope the later is refused (412 when it gave If-Match, else 409), never
     * overwritten silently. A replacement with the same values still counts as a change: the caller asked for a write
     * and gets a new version for it.
     */
    @WithTransaction
    public Uni<VersionedSettings> replace(
            String subscriptionId, String resourceGroup, PolicySettings settings, IfMatch ifMatch, String author) {
        return policies.findScope(subscriptionId, resourceGroup)
                .flatMap(stored -> {
                    require(ifMatch, stored == null ? 0 : etagVersion(stored));
                    ScopePolicyEntity scope = stored != null ? stored : newScope(subscriptionId, resourceGroup);
                    // The name is kept as last written; the key, which compares names, stays the same.
                    scope.resourceGroup = resourceGroup;
                    return write(scope, settings, author, false);
                })
                .onFailure(WriteConflicts::isConflict)
                .transform(conflict -> WriteConflicts.refusal(ifMatch.conditional()))
                .map(saved -> new VersionedSettings(saved.settings(), etagVersion(saved)));
    }

    /**
     * Removes a resource group's overrides, so it inherits everything again. The row stays, emptied, with a new
     * version: an ETag read before the removal can then never match the scope again after it is set anew. Removing
     * what is not there changes nothing and announces nothing.
     */
    @WithTransaction
    public Uni<Void> remove(String subscriptionId, String resourceGroup, IfMatch ifMatch, String author) {
        return policies.findScope(subscriptionId, resourceGroup)
                .flatMap(stored -> {
                    require(ifMatch, stored == null ? 0 : etagVersion(stored));
                    if (stored == null || stored.settings().setsNothing()) {
                        return Uni.createFrom().voidItem();
                    }
                    return write(stored, PolicySettings.EMPTY, author, true).replaceWithVoid();
                })
                .onFailure(WriteConflicts::isConflict)
                .transform(conflict -> WriteConflicts.refusal(ifMatch.conditional()));
    }

    /** A subscription's changes, newest first; {@code resourceGroup} narrows them to one group's. */
    @WithSession
    public Uni<List<PolicyChange>> history(String subscriptionId, String resourceGroup, Long beforeId, int limit) {
        StringBuilder query = new StringBuilder("subscriptionId = :subscription");
        Parameters parameters = Parameters.with("subscription", subscriptionId);
        if (resourceGroup != null) {
            query.append(" and lower(resourceGroup) = :group");
            parameters.and("group", ScopePolicyEntity.keyOf(resourceGroup));
        }
        if (beforeId != null) {
            query.append(" and id < :before");
            parameters.and("before", beforeId);
        }
        query.append(" order by id desc");
        return PolicyChangeEntity.<PolicyChangeEntity>find(query.toString(), parameters)
                .range(0, limit - 1)
                .list()
                .map(changes ->
                        changes.stream().map(PolicyChangeEntity::toChange).toList());
    }

    private Uni<ScopePolicyEntity> write(
            ScopePolicyEntity scope, PolicySettings settings, String author, boolean removal) {
        PolicySettings before = scope.id == null || scope.settings().setsNothing() ? null : scope.settings();
        scope.apply(settings);
        // Microseconds, as PostgreSQL stores them: the history then reads back exactly what was announced.
        scope.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        scope.updatedBy = author;
        return policies.persistAndFlush(scope)
                .call(saved -> recordChange(saved, before, removal ? null : saved.settings()))
                .call(this::announce)
                .invoke(saved -> Log.infof(
                        "Policy of %s %s, now version %d, by %s",
                        describe(saved.subscriptionId, saved.resourceGroup),
                        removal ? "removed" : "replaced",
                        etagVersion(saved),
                        author));
    }

    private Uni<PolicyChangeEntity> recordChange(ScopePolicyEntity scope, PolicySettings before, PolicySettings after) {
        PolicyChangeEntity change = new PolicyChangeEntity();
        change.subscriptionId = scope.subscriptionId;
        change.resourceGroup = scope.resourceGroup;
        change.version = etagVersion(scope);
        change.changedAt = scope.updatedAt;
        change.changedBy = scope.updatedBy;
        change.before = before;
        change.after = after;
        return change.persist();
    }

    /** Keyed by subscription, so a receiver applies one subscription's changes in the order they were made. */
    private Uni<Void> announce(ScopePolicyEntity scope) {
        PolicyChanged changed =
                new PolicyChanged(scope.subscriptionId, scope.resourceGroup, etagVersion(scope), scope.updatedAt);
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String destination : destinations) {
            all = all.call(
                    () -> outbox.enqueue(destination, MessageKinds.POLICY_CHANGED, scope.subscriptionId, changed));
        }
        return all;
    }

    /** Hibernate counts versions from 0; the ETag counts writes, so 0 stays free for a scope never written. */
    private static int etagVersion(ScopePolicyEntity stored) {
        return stored.version + 1;
    }

    private static ScopePolicyEntity newScope(String subscriptionId, String resourceGroup) {
        ScopePolicyEntity scope = new ScopePolicyEntity();
        scope.subscriptionId = subscriptionId;
        scope.resourceGroup = resourceGroup;
        scope.resourceGroupKey = ScopePolicyEntity.keyOf(resourceGroup);
        return scope;
    }

    private static void require(IfMatch ifMatch, int current) {
        if (!ifMatch.matches(current)) {
            throw WriteConflicts.preconditionFailed();
        }
    }

    private static String describe(String subscriptionId, String resourceGroup) {
        return resourceGroup == null
                ? "subscription " + subscriptionId
                : "resource group " + resourceGroup + " of subscription " + subscriptionId;
    }
}
