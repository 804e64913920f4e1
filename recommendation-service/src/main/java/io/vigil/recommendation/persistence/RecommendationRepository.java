package io.vigil.recommendation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RecommendationRepository implements PanacheRepositoryBase<RecommendationEntity, UUID> {

    public Uni<List<RecommendationEntity>> listByResource(String resourceKey) {
        return list("resourceKey", resourceKey);
    }

    public Uni<RecommendationEntity> findInSubscription(String subscriptionId, UUID id) {
        return find("id = ?1 and subscriptionId = ?2", id, subscriptionId).firstResult();
    }

    /**
     * One page in id order, starting after {@code after}: every filter combination is served by an index on
     * (subscription, filter column, id), so a page costs the same wherever it starts.
     */
    public Uni<List<RecommendationEntity>> page(RecommendationFilter filter, UUID after, int size) {
        StringBuilder query = new StringBuilder("subscriptionId = :subscriptionId");
        Parameters parameters = Parameters.with("subscriptionId", filter.subscriptionId());
        if (filter.state() != null) {
            query.append(" and state = :state");
            parameters.and("state", filter.state());
        }
        if (filter.severity() != null) {
            query.append(" and severity = :severity");
            parameters.and("severity", filter.severity());
        }
        if (filter.type() != null) {
            query.append(" and type = :type");
            parameters.and("type", filter.type());
        }
        if (filter.resourceGroupKey() != null) {
            query.append(" and resourceGroupKey = :resourceGroupKey");
            parameters.and("resourceGroupKey", filter.resourceGroupKey());
        }
        if (filter.machineKey() != null) {
            query.append(" and machineKey = :machineKey");
            parameters.and("machineKey", filter.machineKey());
        }
        if (after != null) {
            query.append(" and id > :after");
            parameters.and("after", after);
        }
        query.append(" order by id");
        return find(query.toString(), parameters).range(0, size - 1).list();
    }
}
