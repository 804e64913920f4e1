package io.vigil.alert.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
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
import java.util.List;
import java.util.UUID;

/**
 * The event table and the inbox, written through the reactive client: a whole batch of events is one statement
 * (arrays unnested by PostgreSQL), never one round trip per event.
 */
@ApplicationScoped
public class EventStore {

    private static final String INSERT_EVENTS = "insert into alert.event (id, machine_key, resource_id,"
            + " subscription_id, resource_group, event_time, category, action, repeat_count, source_address,"
            + " account, raw)"
            + " select e.id, $1, $2, $3, $4, e.event_time, e.category, e.action, e.repeat_count, e.source_address,"
            + " e.account, e.raw"
            + " from unnest($5::uuid[], $6::timestamptz[], $7::text[], $8::text[], $9::int[], $10::text[],"
            + " $11::text[], $12::text[])"
            + " as e(id, event_time, category, action, repeat_count, source_address, account, raw)"
            + " on conflict (id) do nothing";

    private static final String SELECT_FAILED_LOGONS =
            "select event_time, repeat_count, source_address, account from alert.event"
                    + " where machine_key = $1 and category = $2 and action = $3 and source_address = any($4)";

    /** True when the message is new; false when this source's message id was processed before. */
    public Uni<Boolean> markProcessed(SqlConnection connection, String source, long messageId) {
        return connection
                .preparedQuery("insert into alert.inbox (source, message_id) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(source, messageId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Stores one machine's events; an event id stored before is skipped. */
    public Uni<Integer> insert(SqlConnection connection, MachineRef machine, List<EventRow> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int size = events.size();
        UUID[] ids = new UUID[size];
        OffsetDateTime[] times = new OffsetDateTime[size];
        String[] categories = new String[size];
        String[] actions = new String[size];
        Integer[] counts = new Integer[size];
        String[] sources = new String[size];
        String[] accounts = new String[size];
        String[] raws = new String[size];
        for (int i = 0; i < size; i++) {
            EventRow event = events.get(i);
            ids[i] = event.id();
            times[i] = event.time().atOffset(ZoneOffset.UTC);
            categories[i] = event.category().name();
            actions[i] = event.action().name();
            counts[i] = event.count();
            sources[i] = event.sourceAddress();
            accounts[i] = event.account();
            raws[i] = event.raw();
        }
        Tuple parameters = Tuple.tuple(List.<Object>of(
                machine.key(),
                machine.resourceId(),
                machine.subscriptionId(),
                machine.resourceGroup(),
                ids,
                times,
                categories,
                actions,
                counts,
                sources,
                accounts,
                raws));
        return connection.preparedQuery(INSERT_EVENTS).execute(parameters).map(rows -> rows.rowCount());
    }

    /** The failed logons stored for a machine from the given source addresses, in no particular order. */
    public Uni<List<ObservedEvent>> failedLogons(SqlClient client, String machineKey, Collection<String> sources) {
        Tuple parameters = Tuple.of(
                machineKey,
                EventCategory.Authentication.name(),
                EventAction.LogonFailed.name(),
                sources.toArray(String[]::new));
        return client.preparedQuery(SELECT_FAILED_LOGONS).execute(parameters).map(rows -> {
            List<ObservedEvent> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new ObservedEvent(
                        machineKey,
                        instant(row, "event_time"),
                        EventCategory.Authentication,
                        EventAction.LogonFailed,
                        row.getInteger("repeat_count"),
                        row.getString("source_address"),
                        row.getString("account")));
            }
            return events;
        });
    }

    static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    /** One event as stored: the address already in its canonical spelling, the count at least one. */
    public record EventRow(
            UUID id,
            Instant time,
            EventCategory category,
            EventAction action,
            int count,
            String sourceAddress,
            String account,
            String raw) {}
}
