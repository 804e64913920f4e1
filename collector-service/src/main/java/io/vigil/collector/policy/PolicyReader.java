package io.vigil.collector.policy;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.policy.EffectivePolicies;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads effective policies through the shared short-lived cache, so a busy agent does not ask policy-service on every
 * report. When policy-service cannot answer, the collector answers 503: taking data without knowing whether
 * collection is allowed would break the operator's choice.
 */
@ApplicationScoped
public class PolicyReader {

    private final EffectivePolicies policies;

    public PolicyReader(EffectivePolicies policies) {
        this.policies = policies;
    }

    public Uni<EffectivePolicy> effective(String subscriptionId, String resourceGroup) {
        return policies.of(subscriptionId, resourceGroup).onFailure().transform(failure -> {
            Log.warnf(
                    "Effective policy of resource group %s in subscription %s could not be read: %s",
                    resourceGroup, subscriptionId, failure.toString());
            return ApiException.unavailable("The policy service could not be reached; try again later");
        });
    }

    /** Fails with 403 when the machine's scope has data collection off; reports and events are refused then. */
    public Uni<EffectivePolicy> requireDataCollection(String subscriptionId, String resourceGroup) {
        return effective(subscriptionId, resourceGroup).invoke(policy -> {
            if (policy.dataCollection() == null || !policy.dataCollection().isOn()) {
                throw new ApiException(
                        403,
                        "data-collection-disabled",
                        "Data collection disabled",
                        "Data collection is off for resource group " + resourceGroup + " of subscription "
                                + subscriptionId + "; turn it on in its policy to send reports and events");
            }
        });
    }
}
