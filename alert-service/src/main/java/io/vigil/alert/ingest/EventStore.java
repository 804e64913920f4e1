package io.vigil.alert.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.detection.EventField;
import io.vigil.alert.detection.ObservedEvent;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.machine.MachineRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The event table and the inbox, written through the reactive client: a whole batch of events is one statement
 * (arrays unnested by PostgreSQL), never one round trip per event.
 */
@ApplicationScoped
public class EventStore {

    private static final String COLUMNS = "id, event_time, category, action, repeat_count, program, source_address,"
            + " source_port, destination_address, destination_port, protocol, account, group_name, process,"
            + " parent_process, command_line, logon_type, threat, file, raw";

    private static final String INSERT_EVENTS = "insert into alert.event (machine_key, resource_id, subscription_id,"
            + " resource_group, " + COLUMNS + ") select $1, $2, $3, $4, e.* from unnest($5::uuid[],"
            + " $6::timestamptz[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::int[],"
            + " $13::text[], $14::int[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[],"
            + " $21::text[], $22::text[], $23::text[], $24::text[]) as e(" + COLUMNS + ") on conflict do nothing"
            + " returning id";

    /** Each subject from its own time on: {@code s.since} null reads all of the subject's events. */
    private static final String SELECT_OBSERVED = "select id, event_time, category, action, repeat_count, program,"
            + " source_address, destination_port, account, group_name, process, command_line, logon_type, threat, file"
            + " from alert.event e join unnest($4::text[], $5::timestamptz[]) as s(subject, since) on %s = s.subject"
            + " where machine_key = $1 and category = $2 and action = any($3)"
            + " and (s.since is null or e.event_time >= s.since)";

    /** The subjects that have an event of the action within their own span of time. */
    private static final String SELECT_SUBJECTS_WITH = "select s.subject from unnest($4::text[], $5::timestamptz[],"
            + " $6::timestamptz[]) as s(subject, since, until) where exists (select 1 from alert.event e"
            + " where e.machine_key = $1 and e.category = $2 and e.action = $3 and %s = s.subject"
            + " and e.event_time between s.since and s.until)";

    /** True when the message is new; false when this source's message id was processed before. */
    public Uni<Boolean> markProcessed(SqlConnection connection, String source, long messageId) {
        return connection
                .preparedQuery("insert into alert.inbox (source, message_id) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(source, messageId))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Stores one machine's events and answers the ids stored; an event id stored before (at the same time) is skipped.
     */
    public Uni<Set<UUID>> insert(SqlConnection connection, MachineRef machine, List<EventRow> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<Object> parameters = new ArrayList<>(
                List.of(machine.key(), machine.resourceId(), machine.subscriptionId(), machine.resourceGroup()));
        parameters.add(column(events, UUID[]::new, EventRow::id));
        parameters.add(column(events, OffsetDateTime[]::new, row -> row.time().atOffset(ZoneOffset.UTC)));
        parameters.add(column(events, String[]::new, row -> row.category().name()));
        parameters.add(column(events, String[]::new, row -> row.action().name()));
        parameters.add(column(events, Integer[]::new, EventRow::count));
        parameters.add(column(events, String[]::new, EventRow::program));
        parameters.add(column(events, String[]::new, EventRow::sourceAddress));
        parameters.add(column(events, Integer[]::new, EventRow::sourcePort));
        parameters.add(column(events, String[]::new, EventRow::destinationAddress));
        parameters.add(column(events, Integer[]::new, EventRow::destinationPort));
        parameters.add(column(events, String[]::new, EventRow::protocol));
        parameters.add(column(events, String[]::new, EventRow::account));
        parameters.add(column(events, String[]::new, EventRow::group));
        parameters.add(column(events, String[]::new, EventRow::process));
        parameters.add(column(events, String[]::new, EventRow::parentProcess));
        parameters.add(column(events, String[]::new, EventRow::commandLine));
        parameters.add(column(events, String[]::new, EventRow::logonType));
        parameters.add(column(events, String[]::new, EventRow::threat));
        parameters.add(column(events, String[]::new, EventRow::file));
        parameters.add(column(events, String[]::new, EventRow::raw));

        return connection
                .preparedQuery(INSERT_EVENTS)
                .execute(Tuple.tuple(parameters))
                .map(rows -> {
                    Set<UUID> stored = new HashSet<>();
                    rows.forEach(row -> stored.add(row.getUUID(0)));
                    return stored;
                });
    }

    /**
     * A machine's stored events of one category and some actions whose subject (by {@code subject}, or the machine
     * itself when null) is one of the keys of {@code since}, each from the time it maps to on (null: all), in no
     * particular order.
     */
    public Uni<List<ObservedEvent>> observed(
            SqlConnection connection,
            String machineKey,
            EventCategory category,
            Collection<EventAction> actions,
            EventField subject,
            Map<String, Instant> since) {
        List<String> subjects = new ArrayList<>(since.keySet());
        Tuple parameters = Tuple.of(
                machineKey,
                category.name(),
                actions.stream().map(Enum::name).toArray(String[]::new),
                subjects.toArray(String[]::new),
                subjects.stream()
                        .map(key ->
                                since.get(key) == null ? null : since.get(key).atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new));
        String query = SELECT_OBSERVED.formatted(subjectColumn(subject));

        return connection.preparedQuery(query).execute(parameters).map(rows -> {
            List<ObservedEvent> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(observed(machineKey, row));
            }
            return events;
        });
    }

    /**
     * The subjects among the keys of {@code spans} (by {@code subject}, as in {@link #observed}) of which the machine
     * has an event of the category and action within the span the key maps to, ends included.
     */
    public Uni<Set<String>> subjectsWith(
            SqlConnection connection,
            String machineKey,
            EventCategory category,
            EventAction action,
            EventField subject,
            Map<String, Span> spans) {
        List<String> subjects = new ArrayList<>(spans.keySet());
        Tuple parameters = Tuple.of(
                machineKey,
                category.name(),
                action.name(),
                subjects.toArray(String[]::new),
                subjects.stream()
                        .map(key -> spans.get(key).from().atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new),
                subjects.stream()
                        .map(key -> spans.get(key).until().atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new));
        String query = SELECT_SUBJECTS_WITH.formatted(subjectColumn(subject));

        return connection.preparedQuery(query).execute(parameters).map(rows -> {
            Set<String> found = new HashSet<>();
            rows.forEach(row -> found.add(row.getString("subject")));
            return found;
        });
    }

    /** The SQL that gives an event's subject as {@link EventField#keyOf} does; the indexes follow these. */
    private static String subjectColumn(EventField subject) {
        if (subject == null) {
            return "''";
        }
        return switch (subject) {
            case SOURCE_ADDRESS -> "source_address";
            case ACCOUNT -> "lower(coalesce(account, ''))";
            case THREAT -> "lower(coalesce(threat, ''))";
            default -> throw new IllegalStateException("No rule groups by " + subject);
        };
    }

    private static ObservedEvent observed(String machineKey, Row row) {
        return new ObservedEvent(
                row.getUUID("id"),
                machineKey,
                instant(row, "event_time"),
                EventCategory.valueOf(row.getString("category")),
                EventAction.valueOf(row.getString("action")),
                row.getInteger("repeat_count"),
                row.getString("program"),
                row.getString("source_address"),
                row.getInteger("destination_port"),
                row.getString("account"),
                row.getString("group_name"),
                row.getString("process"),
                row.getString("command_line"),
                row.getString("logon_type"),
                row.getString("threat"),
                row.getString("file"));
    }

    private static <T> T[] column(List<EventRow> events, IntFunction<T[]> array, Function<EventRow, T> value) {
        T[] values = array.apply(events.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(events.get(i));
        }
        return values;
    }

    static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    /** A stretch of time, both ends included. */
    public record Span(Instant from, Instant until) {}

    /** One event as stored: the addresses in their canonical spelling, text fields trimmed, the count at least one. */
    public record EventRow(
            UUID id,
            Instant time,
            EventCategory category,
            EventAction action,
            int count,
            String program,
            String sourceAddress,
            Integer sourcePort,
            String destinationAddress,
            Integer destinationPort,
            String protocol,
            String account,
            String group,
            String process,
            String parentProcess,
            String commandLine,
            String logonType,
            String threat,
            String file,
            String raw) {

        public ObservedEvent observed(String machineKey) {
            return new ObservedEvent(
                    id,
                    machineKey,
                    time,
                    category,
                    action,
                    count,
                    program,
                    sourceAddress,
                    destinationPort,
                    account,
                    group,
                    process,
                    commandLine,
                    logonType,
                    threat,
                    file);
        }
    }
}
