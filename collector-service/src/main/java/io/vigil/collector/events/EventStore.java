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
import java.lang.reflect.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes an upload's events, its refused entries and the outbox messages that carry the events on, in one transaction
 * of the reactive client. Each table gets one statement whatever the number of rows: the rows travel as one array per
 * column and PostgreSQL unnests them.
 */
@ApplicationScoped
public class EventStore {

    /** Events per outbox message, so one large upload does not become one oversized delivery. */
    static final int EVENTS_PER_MESSAGE = 1000;

    /**
     * The most characters one message's events may take in its JSON, a quarter of the body that receivers accept (32
     * MB): a thousand events of long lines could pass that, and a message too large to deliver would hold up every
     * message behind it.
     */
    static final long MESSAGE_CHARS = 8L * 1024 * 1024;

    /** JSON writes a character as six at most (a control character by its code); names and numbers add a little. */
    private static final int ESCAPED_CHAR = 6;

    private static final int FIELDS_CHARS = 1024;

    /** The event table's columns that come from the event itself, in the order of the insert's array parameters. */
    private static final List<Column> COLUMNS = List.of(
            new Column("id", "uuid", UUID.class, NormalizedEvent::id),
            new Column(
                    "event_time",
                    "timestamptz",
                    OffsetDateTime.class,
                    e -> e.time().atOffset(ZoneOffset.UTC)),
            new Column("category", "text", String.class, e -> e.category().name()),
            new Column("action", "text", String.class, e -> e.action().name()),
            new Column("count", "int", Integer.class, NormalizedEvent::count),
            new Column("host", "text", String.class, e -> storable(e.host())),
            new Column("program", "text", String.class, e -> storable(e.program())),
            new Column("source_address", "text", String.class, e -> storable(e.sourceAddress())),
            new Column("source_port", "int", Integer.class, NormalizedEvent::sourcePort),
            new Column("destination_address", "text", String.class, e -> storable(e.destinationAddress())),
            new Column("destination_port", "int", Integer.class, NormalizedEvent::destinationPort),
            new Column("protocol", "text", String.class, e -> storable(e.protocol())),
            new Column("account", "text", String.class, e -> storable(e.account())),
            new Column("group_name", "text", String.class, e -> storable(e.group())),
            new Column("process", "text", String.class, e -> storable(e.process())),
            new Column("parent_process", "text", String.class, e -> storable(e.parentProcess())),
            new Column("command_line", "text", String.class, e -> storable(e.commandLine())),
            new Column("logon_type", "text", String.class, e -> storable(e.logonType())),
            new Column("threat", "text", String.class, e -> storable(e.threat())),
            new Column("file", "text", String.class, e -> storable(e.file())),
            new Column("raw", "text", String.class, e -> storable(e.raw())));

    private static final String INSERT_EVENTS = insertEvents();

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

    /** {@code alsoWrite} adds to the same transaction what must count exactly when the events do. */
    public Uni<Void> store(
            long machineId,
            MachineRef machine,
            Instant receivedAt,
            List<NormalizedEvent> events,
            List<Refused> refused,
            Function<SqlConnection, Uni<Void>> alsoWrite) {
        OffsetDateTime received = receivedAt.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> insertEvents(connection, machineId, received, events)
                .flatMap(done -> insertRefused(connection, machineId, received, refused))
                .flatMap(done -> enqueue(connection, machine, events))
                .flatMap(done -> alsoWrite.apply(connection)));
    }

    /** An entry that could not be read, as received. */
    public record Refused(int index, String reason, String raw) {}

    private static Uni<Void> insertEvents(
            SqlConnection connection, long machineId, OffsetDateTime received, List<NormalizedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> parameters = new ArrayList<>(COLUMNS.size() + 2);
        parameters.add(machineId);
        parameters.add(received);
        for (Column column : COLUMNS) {
            parameters.add(column.values(events));
        }
        return connection
                .preparedQuery(INSERT_EVENTS)
                .execute(Tuple.tuple(parameters))
                .replaceWithVoid();
    }

    private static Uni<Void> insertRefused(
            SqlConnection connection, long machineId, OffsetDateTime received, List<Refused> refused) {
        if (refused.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Integer[] indexes = refused.stream().map(Refused::index).toArray(Integer[]::new);
        String[] reasons = refused.stream().map(Refused::reason).toArray(String[]::new);
        String[] raws = refused.stream().map(r -> storable(r.raw())).toArray(String[]::new);
        return connection
                .preparedQuery(INSERT_REJECTED)
                .execute(Tuple.of(machineId, received, indexes, reasons, raws))
                .replaceWithVoid();
    }

    private Uni<Void> enqueue(SqlConnection connection, MachineRef machine, List<NormalizedEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<NormalizedEvent> part : messages(events)) {
            chain = chain.flatMap(done -> outbox.enqueue(
                    connection,
                    Destinations.ALERT,
                    MessageKinds.EVENTS_NORMALIZED,
                    machine.key(),
                    new EventBatch(machine, part)));
        }
        return chain;
    }

    /** The events in order, cut into messages of at most {@link #EVENTS_PER_MESSAGE} and {@link #MESSAGE_CHARS}. */
    static List<List<NormalizedEvent>> messages(List<NormalizedEvent> events) {
        List<List<NormalizedEvent>> messages = new ArrayList<>();
        int from = 0;
        long chars = 0;
        for (int i = 0; i < events.size(); i++) {
            long size = encodedCharsAtMost(events.get(i));
            if (i > from && (i - from == EVENTS_PER_MESSAGE || chars + size > MESSAGE_CHARS)) {
                messages.add(events.subList(from, i));
                from = i;
                chars = 0;
            }
            chars += size;
        }
        if (from < events.size()) {
            messages.add(events.subList(from, events.size()));
        }
        return messages;
    }

    private static long encodedCharsAtMost(NormalizedEvent event) {
        long text = 0;
        for (Column column : COLUMNS) {
            if (column.javaType() == String.class && column.value().apply(event) instanceof String value) {
                text += value.length();
            }
        }
        return FIELDS_CHARS + ESCAPED_CHAR * text;
    }

    /** PostgreSQL text cannot hold NUL; such text is kept readable rather than lost. */
    private static String storable(String text) {
        // The search is the vectorized one; almost no text holds a NUL.
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    private static String insertEvents() {
        String names = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
        String selected = COLUMNS.stream().map(c -> "u." + c.name()).collect(Collectors.joining(", "));
        String arrays = IntStream.range(0, COLUMNS.size())
                .mapToObj(i -> "$" + (i + 3) + "::" + COLUMNS.get(i).sqlType() + "[]")
                .collect(Collectors.joining(", "));
        return "insert into collector.event (machine_id, received_at, " + names + ")"
                + " select $1, $2, " + selected
                + " from unnest(" + arrays + ") as u(" + names + ")";
    }

    private record Column(String name, String sqlType, Class<?> javaType, Function<NormalizedEvent, Object> value) {

        /** The column's values for every event, as the typed array the client binds to {@code sqlType[]}. */
        Object values(List<NormalizedEvent> events) {
            Object array = Array.newInstance(javaType, events.size());
            for (int i = 0; i < events.size(); i++) {
                Array.set(array, i, value.apply(events.get(i)));
            }
            return array;
        }
    }
}
