package io.vigil.alert.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.service.AlertCursor;
import io.vigil.alert.service.AlertFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<AlertEntity, UUID> {

    private static final List<AlertStatus> OPEN = List.of(AlertStatus.Active, AlertStatus.InProgress);

    public Uni<AlertEntity> findInSubscription(String subscriptionId, UUID id) {
        return find("id = ?1 and subscriptionId = ?2", id, subscriptionId).firstResult();
    }

    /**
     * The alert, locked until the transaction ends, so that changes of its status made at once are made one after
     * the other, each from the status the one before left.
     */
    public Uni<AlertEntity> lockInSubscription(String subscriptionId, UUID id) {
        return find("id = ?1 and subscriptionId = ?2", id, subscriptionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** Newest first (by start time, then id), after the cursor when one is given; at most {@code limit}. */
    public Uni<List<AlertEntity>> list(String subscriptionId, AlertFilter filter, AlertCursor after, int limit) {
        StringBuilder query = new StringBuilder("subscriptionId = :subscription");
        Parameters parameters = Parameters.with("subscription", subscriptionId);
        if (filter.status() != null) {
            query.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.severity() != null) {
            query.append(" and severity = :severity");
            parameters.and("severity", filter.severity());
        }
        if (filter.alertType() != null) {
            query.append(" and alertType = :alertType");
            parameters.and("alertType", filter.alertType());
        }
        if (filter.resourceGroup() != null) {
            query.append(" and resourceGroupKey = :resourceGroup");
            parameters.and("resourceGroup", filter.resourceGroup().toLowerCase(Locale.ROOT));
        }
        if (filter.machine() != null) {
            query.append(" and lower(machineName) = :machine");
            parameters.and("machine", filter.machine().toLowerCase(Locale.ROOT));
        }
        if (filter.from() != null) {
            query.append(" and endTime >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and startTime < :to");
            parameters.and("to", filter.to());
        }
        if (after != null) {
            query.append(" and (startTime < :afterTime or (startTime = :afterTime and id < :afterId))");
            parameters.and("afterTime", after.startTime()).and("afterId", after.id());
        }
        query.append(" order by startTime desc, id desc");

        return find(query.toString(), parameters).range(0, limit - 1).list();
    }

    /** Whether another alert of the same type about the same entity on the same machine is open. */
    public Uni<Boolean> anotherOpen(AlertEntity alert) {
        return count(
                        "machineKey = ?1 and alertType = ?2 and entityKey = ?3 and status in ?4 and id <> ?5",
                        alert.machineKey,
                        alert.alertType,
                        alert.entityKey,
                        OPEN,
                        alert.id)
                .map(count -> count > 0);
    }
}
