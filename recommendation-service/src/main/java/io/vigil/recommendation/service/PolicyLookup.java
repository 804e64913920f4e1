package io.vigil.recommendation.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.EffectivePolicyClient;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads effective policies from policy-service. When it cannot answer, the batch is refused with 503 so the sender
 * keeps the messages and retries: evaluating without the policy would raise the wrong recommendations.
 */
@ApplicationScoped
public class PolicyLookup {

    private final EffectivePolicyClient client;

    public PolicyLookup(@RestClient EffectivePolicyClient client) {
        this.client = client;
    }

    Uni<PolicySet> forMachines(List<MachineRef> machines) {
        Map<String, MachineRef> scopes = new LinkedHashMap<>();
        machines.forEach(machine -> scopes.putIfAbsent(PolicySet.scopeOf(machine), machine));
        if (scopes.isEmpty()) {
            return Uni.createFrom().item(new PolicySet(Map.of()));
        }
        List<Uni<Map.Entry<String, EffectivePolicy>>> lookups = scopes.entrySet().stream()
                .map(scope -> effective(scope.getValue()).map(policy -> Map.entry(scope.getKey(), policy)))
                .toList();
        return Uni.join().all(lookups).andFailFast().map(found -> {
            Map<String, EffectivePolicy> byScope = new LinkedHashMap<>();
            found.forEach(entry -> byScope.put(entry.getKey(), entry.getValue()));
            return new PolicySet(byScope);
        });
    }

    private Uni<EffectivePolicy> effective(MachineRef machine) {
        return client.effectivePolicy(machine.subscriptionId(), machine.resourceGroup())
                .onFailure()
                .transform(failure -> {
                    Log.warnf(
                            "Effective policy of %s unavailable: %s", machine.resourceGroupId(), failure.getMessage());
                    return ApiException.unavailable("The effective policy could not be read from policy-service");
                });
    }
}
