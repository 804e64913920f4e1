package io.vigil.collector.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.collector.idempotency.Idempotency;
import io.vigil.collector.idempotency.IdempotencyClaim;
import io.vigil.collector.machine.MachineEntity;
import io.vigil.collector.machine.MachineService;
import io.vigil.collector.outbox.Destinations;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.problem.ApiException;
import io.vigil.common.state.EndpointProtectionReported;
import io.vigil.common.state.StateReport;
import io.vigil.common.state.StateSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Stores state reports and hands each to recommendation-service through the outbox, in one transaction. */
@ApplicationScoped
public class ReportService {

    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private final MachineService machines;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Idempotency idempotency;

    public ReportService(MachineService machines, Outbox outbox, ObjectMapper json, Idempotency idempotency) {
        this.machines = machines;
        this.outbox = outbox;
        this.json = json;
        this.idempotency = idempotency;
    }

    /** {@code answer} is what the request is answered with, kept for a repeat of it under its idempotency key. */
    public Uni<Void> store(MachineRef ref, StateReport report, IdempotencyClaim claim, Object answer) {
        Instant receivedAt = Instant.now();
        requireCollectedBy(report, receivedAt);
        return machines.ensureRegistered(ref)
                .chain(() -> Panache.withTransaction(() -> storeRegistered(ref, report, claim, answer, receivedAt)));
    }

    /** The machine was just registered; it is registered once more only if it was deleted in between. */
    private Uni<Void> storeRegistered(
            MachineRef ref, StateReport report, IdempotencyClaim claim, Object answer, Instant receivedAt) {
        return machines.findOrRegister(ref, receivedAt)
                .call(machine -> {
                    machine.lastReport = receivedAt;
                    return row(machine, report, receivedAt).persist();
                })
                .call(machine -> outbox.enqueue(
                        Destinations.RECOMMENDATION,
                        MessageKinds.STATE_REPORTED,
                        machine.ref().key(),
                        new StateSnapshot(machine.ref(), osType(machine), receivedAt, report)))
                .call(machine -> announceEndpointProtection(machine, report, receivedAt))
                .call(machine -> idempotency.record(claim, 202, answer))
                .invoke(machine ->
                        Log.debugf("State report of %s stored", machine.ref().resourceId()))
                .replaceWithVoid();
    }

    /** Alert-service watches real-time protection being switched off; it hears of the section whenever one is sent. */
    private Uni<Void> announceEndpointProtection(MachineEntity machine, StateReport report, Instant receivedAt) {
        if (report.endpointProtection() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant collectedAt = report.collectedAt() != null ? report.collectedAt() : receivedAt;
        return outbox.enqueue(
                Destinations.ALERT,
                MessageKinds.ENDPOINT_PROTECTION_REPORTED,
                machine.ref().key(),
                new EndpointProtectionReported(machine.ref(), collectedAt, receivedAt, report.endpointProtection()));
    }

    private StateReportEntity row(MachineEntity machine, StateReport report, Instant receivedAt) {
        StateReportEntity row = new StateReportEntity();
        row.machineId = machine.id;
        row.receivedAt = receivedAt;
        row.collectedAt = report.collectedAt();
        row.report = json.valueToTree(report);
        return row;
    }

    /**
     * A section replaces the stored one only when it was collected later, so a report dated ahead of time would hold
     * its sections against every true report after it: one from a machine whose clock is wrong is refused instead.
     */
    private static void requireCollectedBy(StateReport report, Instant receivedAt) {
        if (report.collectedAt() != null && report.collectedAt().isAfter(receivedAt.plus(CLOCK_SKEW))) {
            throw ApiException.badRequest(
                    "collectedAt",
                    "collectedAt " + report.collectedAt() + " is more than a day after the report was received ("
                            + receivedAt + "); check the machine's clock");
        }
    }

    private static String osType(MachineEntity machine) {
        return machine.osType == null ? null : machine.osType.name();
    }
}
