package io.vigil.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.problem.ApiException;
import io.vigil.policy.model.EffectivePolicyResolver;
import io.vigil.policy.model.PolicyChange;
import io.vigil.policy.model.PolicySettings;
import io.vigil.policy.persistence.PolicyChangeEntity;
import io.vigil.policy.persistence.PolicyRepository;
import io.vigil.policy.persistence.ScopePolicyEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Reads and changes scope policies; every change is versioned and kept in the history. */
@ApplicationScoped
public class PolicyService {

    private final PolicyRepository policies;

    public PolicyService(PolicyRepository policies) {
        this.policies = policies;
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
     * Replaces a scope's settings. {@code expectedVersion}, from {@code If-Match}, must name the stored version when
     * given; a concurrent writer that changed it first makes this one fail rather than be overwritten silently.
     */
    @WithTransaction
    public Uni<VersionedSettings> replace(
            String subscriptionId,
            String resourceGroup,
            PolicySettings settings,
            Integer expectedVersion,
            String author) {
        return policies.findScope(subscriptionId, resourceGroup).flatMap(stored -> {
            int current = stored == null ? 0 : etagVersion(stored);
            requireVersion(expectedVersion, current);
            ScopePolicyEntity scope = stored != null ? stored : newScope(subscriptionId, resourceGroup);
            PolicySettings before = stored == null ? null : stored.settings();
            scope.apply(settings);
            scope.updatedAt = Instant.now();
            scope.updatedBy = author;
            if (stored != null) {
                // Keep the name as last written; the key stays the same.
                scope.resourceGroup = resourceGroup;
            }
            return policies.persistAndFlush(scope)
                    .call(saved -> recordChange(saved, before, settings))
                    .invoke(saved -> Log.infof(
                            "Policy of %s changed to version %d by %s",
                            describe(subscriptionId, resourceGroup), etagVersion(saved), author))
                    .map(saved -> new VersionedSettings(saved.settings(), etagVersion(saved)));
        });
    }

    /** Removes a resource group's overrides, so it inherits everything again. */
    @WithTransaction
    public Uni<Boolean> remove(String subscriptionId, String resourceGroup, Integer expectedVersion, String author) {
        return policies.findScope(subscriptionId, resourceGroup).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().item(false);
            }
            requireVersion(expectedVersion, etagVersion(stored));
            PolicySettings before = stored.settings();
            stored.updatedBy = author;
            return recordChange(stored, before, null)
                    .flatMap(change -> policies.delete(stored))
                    .replaceWith(true);
        });
    }

    @WithSession
    public Uni<List<PolicyChange>> history(String subscriptionId, Long beforeId, int limit) {
        String query = beforeId == null
                ? "subscriptionId = ?1 order by id desc"
                : "subscriptionId = ?1 and id < ?2 order by id desc";
        Object[] parameters =
                beforeId == null ? new Object[] {subscriptionId} : new Object[] {subscriptionId, beforeId};
        return PolicyChangeEntity.<PolicyChangeEntity>find(query, parameters)
                .range(0, limit - 1)
                .list()
                .map(changes ->
                        changes.stream().map(PolicyChangeEntity::toChange).toList());
    }

    private Uni<PolicyChangeEntity> recordChange(ScopePolicyEntity scope, PolicySettings before, PolicySettings after) {
        PolicyChangeEntity change = new PolicyChangeEntity();
        change.subscriptionId = scope.subscriptionId;
        change.resourceGroup = scope.resourceGroup;
        change.version = etagVersion(scope);
        change.changedAt = Instant.now();
        change.changedBy = scope.updatedBy;
        change.before = before;
        change.after = after;
        return change.persist();
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

    private static void requireVersion(Integer expected, int current) {
        if (expected != null && expected != current) {
            throw new ApiException(
                    412,
                    "precondition-failed",
                    "Precondition failed",
                    "The policy was changed since the ETag given in If-Match was read; read it again");
        }
    }

    private static String describe(String subscriptionId, String resourceGroup) {
        return resourceGroup == null
                ? "subscription " + subscriptionId
                : "resource group " + resourceGroup + " of subscription " + subscriptionId;
    }
}
