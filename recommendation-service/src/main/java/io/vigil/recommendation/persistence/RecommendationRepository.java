package io.vigil.recommendation.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vigil.recommendation.model.RecommendationState;
import io.vigil.recommendation.model.RecommendationType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class RecommendationRepository implements PanacheRepositoryBase<RecommendationEntity, UUID> {

    private static final int IDS_PER_STATEMENT = 1000;
    private static final String UPDATE_STATE = "update RecommendationEntity set state = :state,"
            + " stateChangedAt = :now, updatedAt = :now, dismissReason = null, dismissExpiresAt = null"
            + " where id in :ids";
    /**
     * In SQL rather than HQL: a bulk update does not apply the column's write expression, so the evidence is passed as
     * text and cast here, as the entity mapping does.
     */
    private static final String UPDATE_CONTENT = "update recommendation.recommendation set state = ?1, severity = ?2,"
            + " details = cast(cast(?3 as text) as jsonb), state_changed_at = ?4, dismiss_reason = ?5,"
            + " dismiss_expires_at = ?6, updated_at = ?7 where id = ?8";

    private static final String OPEN_DATA_COLLECTION_SCOPES = "select r.resourceKey from RecommendationEntity r"
            + " where r.subscriptionId = :subscriptionId and r.type = :type and r.state <> :resolved";

    @Inject
    JsonbText.Details details;

    public Uni<List<RecommendationEntity>> listByResource(String resourceKey) {
        return list("resourceKey", resourceKey);
    }

    /** The EnableDataCollection recommendations on these scopes, managed: changes are written at flush. */
    public Uni<List<RecommendationEntity>> listDataCollection(Collection<String> scopeKeys) {
        return scopeKeys.isEmpty()
                ? Uni.createFrom().item(List.of())
                : list("resourceKey in ?1 and type = ?2", scopeKeys, RecommendationType.EnableDataCollection);
    }

    /** The scopes of a subscription whose EnableDataCollection is not resolved: Active or Dismissed. */
    public Uni<List<String>> listOpenDataCollectionScopes(String subscriptionId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(OPEN_DATA_COLLECTION_SCOPES, String.class)
                        .setParameter("subscriptionId", subscriptionId)
                        .setParameter("type", RecommendationType.EnableDataCollection)
                        .setParameter("resolved", RecommendationState.Resolved)
                        .getResultList());
    }

    /**
     * Dismissals whose time is up return to Active. A dismissed recommendation is one whose problem was there at its
     * last evaluation (a fixed one resolves, dismissed or not), so no evaluation is needed to reopen it.
     */
    public Uni<Integer> reactivateExpiredDismissals(Instant now) {
        return update(
                "state = ?1, stateChangedAt = ?2, updatedAt = ?2, dismissReason = null, dismissExpiresAt = null"
                        + " where state = ?3 and dismissExpiresAt <= ?2",
                RecommendationState.Active,
                now,
                RecommendationState.Dismissed);
    }

    /** Removes every recommendation on one resource, such as a machine that was deleted or moved away. */
    public Uni<Long> deleteByResource(String resourceKey) {
        return delete("resourceKey", resourceKey);
    }

    /**
     * In one query, the recommendations on these machines of a subscription, by the machines' lower-case resource ids
     * (their keys). Read only: the session keeps no copies to compare at flush, and changes are written with {@link
     * #updateStates} and {@link #updateContent}.
     */
    public Uni<List<RecommendationEntity>> listOnMachines(String subscriptionId, Collection<String> machineKeys) {
        if (machineKeys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String query =
                "from RecommendationEntity where subscriptionId = :subscriptionId and resourceKey in :machineKeys";
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(query, RecommendationEntity.class)
                        .setParameter("subscriptionId", subscriptionId)
                        .setParameter("machineKeys", machineKeys)
                        .setReadOnly(true)
                        .getResultList());
    }

    /**
     * Writes the state each recommendation was moved to, for many at once: one statement per state and chunk of ids.
     * Only for moves to Active or Resolved, which end any dismissal.
     */
    public Uni<Void> updateStates(List<RecommendationEntity> changed, Instant now) {
        Map<RecommendationState, List<UUID>> byState = new EnumMap<>(RecommendationState.class);
        changed.forEach(entity -> byState.computeIfAbsent(entity.state, state -> new ArrayList<>())
                .add(entity.id));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<RecommendationState, List<UUID>> group : byState.entrySet()) {
            List<UUID> ids = group.getValue();
            for (int start = 0; start < ids.size(); start += IDS_PER_STATEMENT) {
                List<UUID> chunk = ids.subList(start, Math.min(ids.size(), start + IDS_PER_STATEMENT));
                chain = chain.chain(() -> Panache.getSession()
                        .chain(session -> session.createMutationQuery(UPDATE_STATE)
                                .setParameter("state", group.getKey())
                                .setParameter("now", now)
                                .setParameter("ids", chunk)
                                .executeUpdate())
                        .replaceWithVoid());
            }
        }
        return chain;
    }

    /** Writes every changeable column of each, one statement apiece: for the few whose evidence changed. */
    public Uni<Void> updateContent(List<RecommendationEntity> changed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RecommendationEntity entity : changed) {
            chain = chain.chain(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery(UPDATE_CONTENT)
                            .setParameter(1, entity.state.name())
                            .setParameter(2, entity.severity.name())
                            .setParameter(3, details.convertToDatabaseColumn(entity.details))
                            .setParameter(4, entity.stateChangedAt)
                            .setParameter(5, entity.dismissReason)
                            .setParameter(6, entity.dismissExpiresAt)
                            .setParameter(7, entity.updatedAt)
                            .setParameter(8, entity.id)
                            .executeUpdate())
                    .replaceWithVoid());
        }
        return chain;
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
