package io.vigil.collector.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.collector.outbox.Destinations;
import io.vigil.common.events.EventBatch;
import io.vigil.common.events.NormalizedEvent;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes an upload's events, its refused lines and the outbox messages that carry the events on, in one transaction of
 * the reactive client. Each table gets one statement whatever the number of rows: the rows travel as arrays and
 * PostgreSQL unnests them.
 */
@ApplicationScoped
public class EventStore {

    /** Events per outbox message, so one large upload does not become one oversized delivery. */
    static final int EVENTS_PER_MESSAGE = 1000;

    private static final String INSERT_EVENTS = "insert into collector.event (id, machine_id, received_at, event_time,"
            + " category, action, count, host, program, source_address, source_port, account, group_name,"
            + " command_line, logon_type, raw)"
            + " select u.id, $1, $2, u.event_time, u.category, u.action, u.count, u.host, u.program,"
            + " u.source_address, u.source_port, u.account, u.group_name, u.command_line, u.logon_type, u.raw"
            + " from unnest($3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::int[], $8::text[],"
            + " $9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])"
            + " as u(id, event_time, category, action, count, host, program, source_address, source_port, account,"
            + " group_name, command_line, logon_type, raw)";

    private static final String INSERT_REJECTED =
            "insert into collector.rejected_event_line (machine_id, received_at, line_index, reason, raw)"
                    + " select $1, $2, u.line_index, u.reason, u.raw"
                    + " from unnest($3::int[], $4::text[], $5::text[]) as u(line_index, reason, raw)";

    private final Pool pool;
    private final Outbox outbox;

    public EventStore(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    public Uni<Void> store(
            long machineId,
            MachineRef machine,
            Instant receivedAt,
            List<NormalizedEvent> events,
            List<Refused> refused) {
        OffsetDateTime received = receivedAt.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> insertEvents(connection, machineId, received, events)
                .flatMap(done -> insertRefused(connection, machineId, received, refused))
                .flatMap(done -> enqueue(connection, machine, events)));
    }

    /** A line that could not be read, as received. */
    public record Refused(int index, String reason, String raw) {}

    private static Uni<Void> insertEvents(
            SqlConnection connection, long machineId, OffsetDateTime received, List<NormalizedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = events.size();
        UUID[] ids = new UUID[size];
        OffsetDateTime[] times = new OffsetDateTime[size];
        String[] categories = new String[size];
        String[] actions = new String[size];
        Integer[] counts = new Integer[size];
        String[] hosts = new String[size];
        String[] programs = new String[size];
        String[] addresses = new String[size];
        Integer[] ports = new Integer[size];
        String[] accounts = new String[size];
        String[] groups = new String[size];
        String[] commandLines = new String[size];
        String[] logonTypes = new String[size];
        String[] raws = new String[size];
        for (int i = 0; i < size; i++) {
            NormalizedEvent event = events.get(i);
            ids[i] = event.id();
            times[i] = event.time().atOffset(ZoneOffset.UTC);
            categories[i] = event.category().name();
            actions[i] = event.action().name();
            counts[i] = event.count();
            hosts[i] = event.host();
            programs[i] = event.program();
            addresses[i] = event.sourceAddress();
            ports[i] = event.sourcePort();
            accounts[i] = event.account();
            groups[i] = event.group();
            commandLines[i] = event.commandLine();
            logonTypes[i] = event.logonType();
            raws[i] = event.raw();
        }
        Tuple row = Tuple.tuple(List.of(
                machineId,
                received,
                ids,
                times,
                categories,
                actions,
                counts,
                hosts,
                programs,
                addresses,
                ports,
                accounts,
                groups,
                commandLines,
                logonTypes,
                raws));
        return connection.preparedQuery(INSERT_EVENTS).execute(row).replaceWithVoid();
    }

    private static Uni<Void> insertRefused(
            SqlConnection connection, long machineId, OffsetDateTime received, List<Refused> refused) {
        if (refused.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Integer[] indexes = refused.stream().map(Refused::index).toArray(Integer[]::new);
        String[] reasons = refused.stream().map(Refused::reason).toArray(String[]::new);
        // PostgreSQL text cannot hold NUL; the line is kept readable rather than lost.
        String[] raws =
                refused.stream().map(r -> r.raw().replace('\0', '\uFFFD')).toArray(String[]::new);
        return connection
                .preparedQuery(INSERT_REJECTED)
                .execute(Tuple.of(machineId, received, indexes, reasons, raws))
                .replaceWithVoid();
    }

    private Uni<Void> enqueue(SqlConnection connection, MachineRef machine, List<NormalizedEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < events.size(); from += EVENTS_PER_MESSAGE) {
            List<NormalizedEvent> part = events.subList(from, Math.min(events.size(), from + EVENTS_PER_MESSAGE));
            chain = chain.flatMap(done -> outbox.enqueue(
                    connection,
                    Destinations.ALERT,
                    MessageKinds.EVENTS_NORMALIZED,
                    machine.key(),
                    new EventBatch(machine, part)));
        }
        return chain;
    }
}
