package io.vigil.recommendation.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.policy.EffectivePolicies;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.policy.PolicyScope;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads effective policies through the shared cache. When policy-service cannot answer, the batch is refused with 503
 * so the sender keeps the messages and retries: evaluating without the policy would raise the wrong recommendations.
 */
@ApplicationScoped
public class PolicyLookup {

    private final EffectivePolicies policies;

    public PolicyLookup(EffectivePolicies policies) {
        this.policies = policies;
    }

    /** One read per distinct resource group, whatever the number of machines in it, and one database read for all. */
    Uni<PolicySet> forGroups(Collection<GroupRef> groups) {
        List<PolicyScope> scopes = groups.stream().map(PolicyLookup::scopeOf).toList();
        return policies.of(scopes)
                .onFailure()
                .transform(failure -> {
                    Log.warnf(
                            "Effective policies of %s unavailable: %s",
                            scopes.stream().map(PolicyScope::key).distinct().toList(), failure.getMessage());
                    return ApiException.unavailable("The effective policy could not be read from policy-service");
                })
                .map(found -> {
                    Map<String, EffectivePolicy> byGroup = new LinkedHashMap<>();
                    groups.forEach(group ->
                            byGroup.put(group.key(), found.get(scopeOf(group).key())));
                    return new PolicySet(byGroup);
                });
    }

    /**
     * Records the changes where every replica sees them, so the next read of a changed scope, by any replica, asks
     * policy-service again instead of answering what it had kept.
     */
    Uni<Void> noticed(List<PolicyChanged> changes) {
        return policies.noticed(changes);
    }

    private static PolicyScope scopeOf(GroupRef group) {
        return new PolicyScope(group.subscriptionId(), group.resourceGroup());
    }
}
