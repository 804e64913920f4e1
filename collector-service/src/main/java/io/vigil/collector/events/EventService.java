package io.vigil.collector.events;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.collector.events.syslog.SyslogParser;
import io.vigil.collector.events.syslog.SyslogResult;
import io.vigil.collector.machine.MachineService;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Turns an upload of syslog lines into normalized events; a line that cannot be read is kept and reported. */
@ApplicationScoped
public class EventService {

    private final MachineService machines;
    private final EventStore store;

    public EventService(MachineService machines, EventStore store) {
        this.machines = machines;
        this.store = store;
    }

    public Uni<IngestResult> ingestSyslog(MachineRef ref, List<String> lines, ZoneId zone) {
        Instant receivedAt = Instant.now();
        SyslogParser parser = new SyslogParser(zone, receivedAt);
        List<NormalizedEvent> events = new ArrayList<>(lines.size());
        List<EventStore.Refused> refused = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            SyslogResult result = parser.parse(lines.get(i));
            if (result instanceof SyslogResult.Accepted accepted) {
                events.add(accepted.event());
            } else if (result instanceof SyslogResult.Rejected rejected) {
                refused.add(new EventStore.Refused(i, rejected.reason(), lines.get(i)));
            }
        }

        return machines.ensureRegistered(ref)
                .flatMap(machine -> store.store(machine.id, machine.ref(), receivedAt, events, refused)
                        .invoke(() -> Log.debugf(
                                "%d events accepted and %d lines refused for %s",
                                events.size(), refused.size(), machine.ref().resourceId())))
                .map(stored -> new IngestResult(
                        events.size(),
                        refused.size(),
                        refused.stream()
                                .map(r -> new IngestResult.LineError(r.index(), r.reason()))
                                .toList()));
    }
}
