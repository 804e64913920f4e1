package io.vigil.collector.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.collector.machine.MachineEntity;
import io.vigil.collector.machine.MachineService;
import io.vigil.collector.outbox.Destinations;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.state.StateReport;
import io.vigil.common.state.StateSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Stores state reports and hands each to recommendation-service through the outbox, in one transaction. */
@ApplicationScoped
public class ReportService {

    private final MachineService machines;
    private final Outbox outbox;
    private final ObjectMapper json;

    public ReportService(MachineService machines, Outbox outbox, ObjectMapper json) {
        this.machines = machines;
        this.outbox = outbox;
        this.json = json;
    }

    @WithTransaction
    public Uni<Void> store(MachineRef ref, StateReport report) {
        Instant receivedAt = Instant.now();
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
                .invoke(machine ->
                        Log.debugf("State report of %s stored", machine.ref().resourceId()))
                .replaceWithVoid();
    }

    private StateReportEntity row(MachineEntity machine, StateReport report, Instant receivedAt) {
        StateReportEntity row = new StateReportEntity();
        row.machineId = machine.id;
        row.receivedAt = receivedAt;
        row.collectedAt = report.collectedAt();
        row.report = json.valueToTree(report);
        return row;
    }

    private static String osType(MachineEntity machine) {
        return machine.osType == null ? null : machine.osType.name();
    }
}
