package io.vigil.collector.machine;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vigil.common.machine.MachineRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class MachineRepository implements PanacheRepository<MachineEntity> {

    public Uni<MachineEntity> findByRef(MachineRef ref) {
        return find(
                        "subscriptionId = :sub and resourceGroupKey = :group and nameKey = :name",
                        Parameters.with("sub", ref.subscriptionId())
                                .and("group", MachineEntity.keyOf(ref.resourceGroup()))
                                .and("name", MachineEntity.keyOf(ref.name())))
                .firstResult();
    }

    /** The machines of a subscription that report any of these vmIds. */
    public Uni<List<MachineEntity>> withVmIds(String subscriptionId, Collection<String> vmIds) {
        if (vmIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("subscriptionId = ?1 and vmId in ?2", subscriptionId, vmIds);
    }

    /**
     * One page of a subscription's machines in id order, after {@code afterId}. {@code heartbeatSeen} narrows to
     * machines that have (true) or have not (false) sent a heartbeat; null keeps both.
     */
    public Uni<List<MachineEntity>> listAfter(
            String subscriptionId, String resourceGroup, Boolean heartbeatSeen, long afterId, int limit) {
        StringBuilder query = new StringBuilder("subscriptionId = :sub and id > :after");
        Parameters parameters = Parameters.with("sub", subscriptionId).and("after", afterId);
        if (resourceGroup != null) {
            query.append(" and resourceGroupKey = :group");
            parameters.and("group", MachineEntity.keyOf(resourceGroup));
        }
        if (heartbeatSeen != null) {
            query.append(heartbeatSeen ? " and lastHeartbeat is not null" : " and lastHeartbeat is null");
        }
        query.append(" order by id");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }
}
