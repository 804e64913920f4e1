package io.vigil.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class PolicyRepository implements PanacheRepository<ScopePolicyEntity> {

    public Uni<ScopePolicyEntity> findScope(String subscriptionId, String resourceGroup) {
        return find(
                        "subscriptionId = ?1 and resourceGroupKey = ?2",
                        subscriptionId,
                        ScopePolicyEntity.keyOf(resourceGroup))
                .firstResult();
    }

    /** The subscription's policy and, when a resource group is named, that group's: at most two rows. */
    public Uni<List<ScopePolicyEntity>> findScopes(String subscriptionId, String resourceGroup) {
        return list(
                "subscriptionId = ?1 and resourceGroupKey in ('', ?2)",
                subscriptionId,
                ScopePolicyEntity.keyOf(resourceGroup));
    }
}
