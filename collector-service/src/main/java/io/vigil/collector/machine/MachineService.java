package io.vigil.collector.machine;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.collector.db.Constraints;
import io.vigil.collector.idempotency.Idempotency;
import io.vigil.collector.idempotency.IdempotencyClaim;
import io.vigil.collector.outbox.Destinations;
import io.vigil.common.machine.MachineDeleted;
import io.vigil.common.machine.MachineMoved;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Registers, moves and deletes machines. Every registration, and every change of a machine's facts, is announced
 * to recommendation-service in the same transaction, so it knows machines that never send a report.
 */
@ApplicationScoped
public class MachineService {

    private static final String IDENTITY_CONSTRAINT = "machine_identity_unique";

    private final MachineRepository machines;
    private final Outbox outbox;
    private final Idempotency idempotency;

    public MachineService(MachineRepository machines, Outbox outbox, Idempotency idempotency) {
        this.machines = machines;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<MachineEntity> register(MachineRef ref, MachineRegistration registration) {
        Instant now = Instant.now();
        return machines.findByRef(ref).flatMap(stored -> {
            boolean created = stored == null;
            MachineEntity machine = created ? MachineEntity.newMachine(ref, now) : stored;
            boolean changed = machine.apply(registration);
            if (!created && !changed) {
                return Uni.createFrom().item(machine);
            }
            machine.updatedAt = now;
            return machines.persistAndFlush(machine)
                    .call(saved -> announce(saved, now))
                    .invoke(saved ->
                            Log.infof("Machine %s %s", saved.ref().resourceId(), created ? "registered" : "updated"));
        });
    }

    /**
     * The machine, registered with no facts if it was unknown, in a transaction of its own. Agents of one machine
     * often send their first requests at once: one of them registers it, and the others, refused by the identity
     * constraint, look again and find it.
     */
    public Uni<MachineEntity> ensureRegistered(MachineRef ref) {
        return Uni.createFrom()
                .deferred(() -> Panache.withTransaction(() -> findOrRegister(ref, Instant.now())))
                .onFailure(MachineService::isIdentityConflict)
                .retry()
                .atMost(2);
    }

    private static boolean isIdentityConflict(Throwable failure) {
        return Constraints.violated(failure, IDENTITY_CONSTRAINT);
    }

    @WithSession
    public Uni<MachineEntity> find(MachineRef ref) {
        return machines.findByRef(ref).onItem().ifNull().failWith(() -> notFound(ref));
    }

    /**
     * Forgets a machine with its reports and events, and tells recommendation-service and alert-service to remove
     * what they hold under its resource id.
     */
    @WithTransaction
    public Uni<Void> delete(MachineRef ref) {
        Instant now = Instant.now();
        return find(ref)
                .call(machines::delete)
                .call(machine -> announceToAll(
                        MessageKinds.MACHINE_DELETED, machine.ref(), new MachineDeleted(machine.ref(), now)))
                .invoke(machine -> Log.infof("Machine %s deleted", machine.ref().resourceId()))
                .replaceWithVoid();
    }

    /**
     * Moves a machine to another resource group of its subscription, with its reports and events; the other services
     * carry what they hold over to the new resource id. A machine of the same name already there is a conflict.
     */
    @WithTransaction
    public Uni<MachineEntity> move(MachineRef ref, String resourceGroup, IdempotencyClaim claim) {
        MachineRef target = new MachineRef(ref.subscriptionId(), resourceGroup, ref.name());
        return find(ref).flatMap(machine -> {
            if (machine.resourceGroupKey.equals(MachineEntity.keyOf(resourceGroup))) {
                return idempotency.record(claim, 200, null).replaceWith(machine);
            }
            return machines.findByRef(target).flatMap(occupied -> {
                if (occupied != null) {
                    throw new ApiException(
                            409,
                            "machine-exists",
                            "Machine exists",
                            "Resource group " + resourceGroup + " already has a machine named " + ref.name());
                }
                MachineRef from = machine.ref();
                Instant now = Instant.now();
                machine.moveTo(resourceGroup, now);
                return machines.persistAndFlush(machine)
                        .call(moved -> idempotency.record(claim, 200, null))
                        .call(moved -> announceToAll(
                                MessageKinds.MACHINE_MOVED, from, new MachineMoved(from, moved.ref(), now)))
                        .invoke(moved -> Log.infof(
                                "Machine %s moved to %s",
                                from.resourceId(), moved.ref().resourceId()));
            });
        });
    }

    /** The other machines of the subscription that report each of these vmIds, by vmId. */
    @WithSession
    public Uni<Map<String, List<MachineEntity>>> sharingVmIds(String subscriptionId, Collection<String> vmIds) {
        return machines.withVmIds(subscriptionId, vmIds)
                .map(found -> found.stream().collect(Collectors.groupingBy(machine -> machine.vmId)));
    }

    @WithSession
    public Uni<List<MachineEntity>> listAfter(
            String subscriptionId, String resourceGroup, Boolean heartbeatSeen, long afterId, int limit) {
        return machines.listAfter(subscriptionId, resourceGroup, heartbeatSeen, afterId, limit);
    }

    /**
     * The machine, registered with no facts if it was unknown: an agent that reports before it registers loses
     * nothing. Runs in the caller's transaction.
     */
    public Uni<MachineEntity> findOrRegister(MachineRef ref, Instant now) {
        return machines.findByRef(ref).flatMap(stored -> {
            if (stored != null) {
                return Uni.createFrom().item(stored);
            }
            return machines.persistAndFlush(MachineEntity.newMachine(ref, now))
                    .call(saved -> announce(saved, now))
                    .invoke(saved -> Log.infof(
                            "Machine %s registered on first contact",
                            saved.ref().resourceId()));
        });
    }

    private Uni<Void> announce(MachineEntity machine, Instant now) {
        return outbox.enqueue(
                Destinations.RECOMMENDATION,
                MessageKinds.MACHINE_REGISTERED,
                machine.ref().key(),
                machine.registered(now));
    }

    private Uni<Void> announceToAll(String kind, MachineRef key, Object payload) {
        return outbox.enqueue(Destinations.RECOMMENDATION, kind, key.key(), payload)
                .chain(() -> outbox.enqueue(Destinations.ALERT, kind, key.key(), payload));
    }

    private static ApiException notFound(MachineRef ref) {
        return ApiException.notFound("Machine " + ref.resourceId() + " is not registered");
    }
}
