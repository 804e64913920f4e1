package io.vigil.recommendation.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.policy.EffectivePolicies;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PolicyChanged;
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

    /** One read per distinct resource group, whatever the number of machines in it. */
    Uni<PolicySet> forGroups(Collection<GroupRef> groups) {
        Map<String, GroupRef> distinct = new LinkedHashMap<>();
        groups.forEach(group -> distinct.putIfAbsent(group.key(), group));
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(new PolicySet(Map.of()));
        }
        List<Uni<Map.Entry<String, EffectivePolicy>>> lookups = distinct.entrySet().stream()
                .map(group -> effective(group.getValue()).map(policy -> Map.entry(group.getKey(), policy)))
                .toList();
        return Uni.join().all(lookups).andFailFast().map(found -> {
            Map<String, EffectivePolicy> byScope = new LinkedHashMap<>();
            found.forEach(entry -> byScope.put(entry.getKey(), entry.getValue()));
            return new PolicySet(byScope);
        });
    }

    /** The next read of a changed scope asks policy-service again instead of answering what it had kept. */
    Uni<Void> forget(PolicyChanged change) {
        return policies.forget(change);
    }

    private Uni<EffectivePolicy> effective(GroupRef group) {
        return policies.of(group.subscriptionId(), group.resourceGroup())
                .onFailure()
                .transform(failure -> {
                    Log.warnf("Effective policy of %s unavailable: %s", group.key(), failure.getMessage());
                    return ApiException.unavailable("The effective policy could not be read from policy-service");
                });
    }
}
