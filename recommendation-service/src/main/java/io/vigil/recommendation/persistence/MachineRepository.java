package io.vigil.recommendation.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vigil.recommendation.health.HealthJudgment;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class MachineRepository implements PanacheRepositoryBase<MachineEntity, String> {

    private static final int KEYS_PER_STATEMENT = 1000;
    private static final String DUE = "select m.machineKey, m.subscriptionId, m.resourceGroup from MachineEntity m"
            + " where m.reevaluateAt <= :now order by m.reevaluateAt";
    private static final String UPDATE_HEALTH =
            "update MachineEntity set health = :health, healthState = :state, healthReasons = :reasons"
                    + " where machineKey in :keys";
    private static final String UPDATE_DATA_COLLECTION =
            "update MachineEntity set dataCollectionOffBy = :scopeKey where machineKey in :keys";
    private static final String SCOPES_FOLLOWED = "select distinct m.dataCollectionOffBy from MachineEntity m"
            + " where m.subscriptionId = :subscriptionId and m.dataCollectionOffBy in :scopeKeys";
    private static final String RESOURCE_GROUPS =
            "select distinct m.resourceGroup from MachineEntity m" + " where m.subscriptionId = :subscriptionId";
    private static final String MACHINES = "from MachineEntity m where m.subscriptionId = :subscriptionId";
    private static final String IN_RESOURCE_GROUP = " and m.resourceGroupKey = :resourceGroupKey";

    /**
     * Writes new health judgments with one statement per distinct judgment: however many machines a policy change
     * touches, they fall into a handful of combinations.
     */
    public Uni<Void> updateHealth(Map<HealthJudgment, List<String>> machineKeysByHealth) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<HealthJudgment, List<String>> judged : machineKeysByHealth.entrySet()) {
            List<String> keys = judged.getValue();
            for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
                List<String> part = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
                chain = chain.chain(() -> Panache.getSession()
                        .chain(session -> session.createMutationQuery(UPDATE_HEALTH)
                                .setParameter("health", judged.getKey().controls())
                                .setParameter(
                                        "state", judged.getKey().controls().overall())
                                .setParameter("reasons", judged.getKey().reasons())
                                .setParameter("keys", part)
                                .executeUpdate())
                        .replaceWithVoid());
            }
        }
        return chain;
    }

    /**
     * Writes which scope's Off each machine now follows, one statement per scope.
     *
     * @param machineKeysByScope machine keys by the scope key they follow; the null key holds those collecting data
     */
    public Uni<Void> updateDataCollection(Map<String, List<String>> machineKeysByScope) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<String>> following : machineKeysByScope.entrySet()) {
            List<String> keys = following.getValue();
            for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
                List<String> part = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
                chain = chain.chain(() -> Panache.getSession()
                        .chain(session -> session.createMutationQuery(UPDATE_DATA_COLLECTION)
                                .setParameter("scopeKey", following.getKey())
                                .setParameter("keys", part)
                                .executeUpdate())
                        .replaceWithVoid());
            }
        }
        return chain;
    }

    /** Of these scope keys, those whose Off setting at least one machine of the subscription follows. */
    public Uni<Set<String>> listScopesFollowedOff(String subscriptionId, Collection<String> scopeKeys) {
        if (scopeKeys.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(SCOPES_FOLLOWED, String.class)
                        .setParameter("subscriptionId", subscriptionId)
                        .setParameter("scopeKeys", scopeKeys)
                        .getResultList())
                .map(Set::copyOf);
    }

    /** Machines whose health must be judged again now, though they reported nothing new. */
    public Uni<List<DueMachine>> listDueForReevaluation(Instant now, int limit) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(DUE, Object[].class)
                        .setParameter("now", now)
                        .setMaxResults(limit)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new DueMachine((String) row[0], (String) row[1], (String) row[2]))
                        .toList());
    }

    /** A machine due for a timed evaluation: only what finding its policy and loading it takes, not its state. */
    public record DueMachine(String machineKey, String subscriptionId, String resourceGroup) {}

    /** The machines with these keys, in one query. */
    public Uni<List<MachineEntity>> listByKeys(Collection<String> machineKeys) {
        return machineKeys.isEmpty() ? Uni.createFrom().item(List.of()) : list("machineKey in ?1", machineKeys);
    }

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
     * A page of the machines of a subscription, or of one group in it, with their state, in key order after {@code
     * afterKey} (null for the first page). Read only: a policy change re-evaluates them but changes none, so the
     * session keeps no copy of their states to compare at flush.
     *
     * @param resourceGroupKey a lower-case group name, or null for the whole subscription
     */
    public Uni<List<MachineEntity>> listForEvaluation(
            String subscriptionId, String resourceGroupKey, String afterKey, int limit) {
        String query = (resourceGroupKey == null ? MACHINES : MACHINES + IN_RESOURCE_GROUP)
                + (afterKey == null ? "" : " and m.machineKey > :afterKey")
                + " order by m.machineKey";
        return Panache.getSession().chain(session -> {
            var select = session.createSelectionQuery(query, MachineEntity.class)
                    .setParameter("subscriptionId", subscriptionId)
                    .setReadOnly(true)
                    .setMaxResults(limit);
            if (resourceGroupKey != null) {
                select.setParameter("resourceGroupKey", resourceGroupKey);
            }
            if (afterKey != null) {
                select.setParameter("afterKey", afterKey);
            }
            return select.getResultList();
        });
    }
}
