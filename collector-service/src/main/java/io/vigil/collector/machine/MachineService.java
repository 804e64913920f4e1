package io.vigil.collector.machine;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.collector.outbox.Destinations;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Registers machines and records heartbeats. Every registration, and every change of a machine's facts, is announced
 * to recommendation-service in the same transaction, so it knows machines that never send a report.
 */
@ApplicationScoped
public class MachineService {

    private final MachineRepository machines;
    private final Outbox outbox;

    public MachineService(MachineRepository machines, Outbox outbox) {
        this.machines = machines;
        this.outbox = outbox;
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

    /** Records the time by the server's clock, never the agent's; an unknown machine is registered. */
    @WithTransaction
    public Uni<MachineEntity> heartbeat(MachineRef ref) {
        Instant now = Instant.now();
        return findOrRegister(ref, now).invoke(machine -> machine.lastHeartbeat = now);
    }

    @WithTransaction
    public Uni<MachineEntity> ensureRegistered(MachineRef ref) {
        return findOrRegister(ref, Instant.now());
    }

    @WithSession
    public Uni<MachineEntity> find(MachineRef ref) {
        return machines.findByRef(ref).onItem().ifNull().failWith(() -> notFound(ref));
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

    private static ApiException notFound(MachineRef ref) {
        return ApiException.notFound("Machine " + ref.resourceId() + " is not registered");
    }
}
