package io.vigil.collector.ingestion;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

@ApplicationScoped
public class IngestionKeyRepository implements PanacheRepositoryBase<IngestionKeyEntity, String> {

    public Uni<List<IngestionKeyEntity>> listBySubscription(String subscriptionId) {
        return find("subscriptionId", Sort.by("createdAt").and("id"), subscriptionId)
                .list();
    }

    /** Locked, so two rotations of one key at once make one new key, not two. */
    public Uni<IngestionKeyEntity> findForRotation(String subscriptionId, String id) {
        return find(
                        "subscriptionId = :sub and id = :id",
                        Parameters.with("sub", subscriptionId).and("id", id))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }
}
