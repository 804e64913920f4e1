package io.vigil.recommendation.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class MachineRepository implements PanacheRepositoryBase<MachineEntity, String> {

    private static final String RESOURCE_GROUPS =
            "select distinct m.resourceGroup from MachineEntity m" + " where m.subscriptionId = :subscriptionId";
    private static final String MACHINES = "from MachineEntity m where m.subscriptionId = :subscriptionId";
    private static final String IN_RESOURCE_GROUP = " and lower(m.resourceGroup) = :resourceGroupKey";

    /**
     * The spellings of the resource groups that hold machines, in a subscription or in one group of it.
     *
     * @param resourceGroupKey a lower-case group name, or null for the whole subscription
     */
    public Uni<List<String>> listResourceGroups(String subscriptionId, String resourceGroupKey) {
        String query = resourceGroupKey == null ? RESOURCE_GROUPS : RESOURCE_GROUPS + IN_RESOURCE_GROUP;
        return Panache.getSession().chain(session -> {
            var select =
                    session.createSelectionQuery(query, String.class).setParameter("subscriptionId", subscriptionId);
            if (resourceGroupKey != null) {
                select.setParameter("resourceGroupKey", resourceGroupKey);
            }
            return select.getResultList();
        });
    }

    /**
     * Every machine of a subscription, or of one group in it, with its state, in one query. Read only: a policy change
     * re-evaluates them but changes none, so the session keeps no copy of thousands of states to compare at flush.
     *
     * @param resourceGroupKey a lower-case group name, or null for the whole subscription
     */
    public Uni<List<MachineEntity>> listForEvaluation(String subscriptionId, String resourceGroupKey) {
        String query = resourceGroupKey == null ? MACHINES : MACHINES + IN_RESOURCE_GROUP;
        return Panache.getSession().chain(session -> {
            var select = session.createSelectionQuery(query, MachineEntity.class)
                    .setParameter("subscriptionId", subscriptionId)
                    .setReadOnly(true);
            if (resourceGroupKey != null) {
                select.setParameter("resourceGroupKey", resourceGroupKey);
            }
            return select.getResultList();
        });
    }
}
