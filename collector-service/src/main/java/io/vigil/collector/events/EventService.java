package io.vigil.collector.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vigil.collector.events.json.JsonEventParser;
import io.vigil.collector.events.json.JsonEventResult;
import io.vigil.collector.events.syslog.SyslogParser;
import io.vigil.collector.events.syslog.SyslogResult;
import io.vigil.collector.idempotency.Idempotency;
import io.vigil.collector.idempotency.IdempotencyClaim;
import io.vigil.collector.machine.MachineService;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns an upload of events, syslog lines or a JSON array, into normalized events. An entry that cannot be read is
 * kept with the reason and reported in the answer; it never fails the rest of the upload.
 */
@ApplicationScoped
public class EventService {

    /** A refused JSON entry is kept up to this many characters: enough to see what was wrong with it. */
    private static final int MAX_KEPT_ENTRY = 131_072;

    private final MachineService machines;
    private final EventStore store;
    private final Idempotency idempotency;
    private final Vertx vertx;

    public EventService(MachineService machines, EventStore store, Idempotency idempotency, Vertx vertx) {
        this.machines = machines;
        this.store = store;
        this.idempotency = idempotency;
        this.vertx = vertx;
    }

    /**
     * @param text the upload, one entry per line
     * @param lines how many lines it holds, as {@link String#lines} counts them
     */
    public Uni<IngestResult> ingestSyslog(MachineRef ref, String text, int lines, ZoneId zone, IdempotencyClaim claim) {
        Instant receivedAt = Instant.now();
        return offTheEventLoop(() -> readSyslog(text, lines, zone, receivedAt))
                .flatMap(upload -> store(ref, receivedAt, upload, claim));
    }

    /** Windows Security events, flat or nested, and Vigil's own events: one array element each. */
    public Uni<IngestResult> ingestJson(MachineRef ref, JsonNode entries, IdempotencyClaim claim) {
        Instant receivedAt = Instant.now();
        return offTheEventLoop(() -> readJson(entries, receivedAt))
                .flatMap(upload -> store(ref, receivedAt, upload, claim));
    }

    /** Parsing tens of thousands of entries is CPU work; the result comes back on the request's context. */
    private Uni<Upload> offTheEventLoop(Supplier<Upload> parsing) {
        return vertx.executeBlocking(Uni.createFrom().item(parsing));
    }

    /** Each line is split off as it is read and kept only as the raw text of its event (or of its refusal). */
    private static Upload readSyslog(String text, int lines, ZoneId zone, Instant receivedAt) {
        SyslogParser parser = new SyslogParser(zone, receivedAt);
        Upload upload = new Upload(lines);
        Iterator<String> each = text.lines().iterator();
        for (int i = 0; each.hasNext(); i++) {
            String line = each.next();
            SyslogResult result = parser.parse(line);
            if (result instanceof SyslogResult.Accepted accepted) {
                upload.events.add(accepted.event());
            } else if (result instanceof SyslogResult.Rejected rejected) {
                upload.refused.add(new EventStore.Refused(i, rejected.reason(), line));
            }
        }
        return upload;
    }

    private static Upload readJson(JsonNode entries, Instant receivedAt) {
        JsonEventParser parser = new JsonEventParser(receivedAt);
        Upload upload = new Upload(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            JsonEventResult result = parser.parse(entry);
            if (result instanceof JsonEventResult.Accepted accepted) {
                upload.events.add(accepted.event());
            } else if (result instanceof JsonEventResult.Rejected rejected) {
                upload.refused.add(new EventStore.Refused(i, rejected.reason(), keptText(entry)));
            }
        }
        return upload;
    }

    private Uni<IngestResult> store(MachineRef ref, Instant receivedAt, Upload upload, IdempotencyClaim claim) {
        IngestResult result = new IngestResult(
                upload.events.size(),
                upload.refused.size(),
                upload.refused.stream()
                        .map(r -> new IngestResult.LineError(r.index(), r.reason()))
                        .toList());
        return machines.ensureRegistered(ref)
                .flatMap(machine -> store.store(
                                machine.id,
                                machine.ref(),
                                receivedAt,
                                upload.events,
                                upload.refused,
                                connection -> idempotency.record(connection, claim, 202, result))
                        .invoke(() -> Log.debugf(
                                "%d events accepted and %d entries refused for %s",
                                upload.events.size(),
                                upload.refused.size(),
                                machine.ref().resourceId())))
                .replaceWith(result);
    }

    /** The entry's JSON text, shortened when very long; an entry too deep to print is described instead. */
    private static String keptText(JsonNode entry) {
        try {
            String text = entry.toString();
            return text.length() > MAX_KEPT_ENTRY ? text.substring(0, MAX_KEPT_ENTRY) : text;
        } catch (RuntimeException e) {
            return "(an entry nested too deeply to keep)";
        }
    }

    /** What an upload became: the events read, and the entries refused with their reasons. */
    private static final class Upload {
        final List<NormalizedEvent> events;
        final List<EventStore.Refused> refused = new ArrayList<>();

        Upload(int size) {
            events = new ArrayList<>(size);
        }
    }
}
