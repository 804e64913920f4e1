package io.vigil.alert.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.config.AlertConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Keeps the event table's daily partitions ahead of time and removes what is past retention: whole days of events at
 * once (a partition dropped is no row deleted under ingestion), old events that fell into the default partition,
 * resolved and dismissed alerts past their own, longer, retention, and processed message ids.
 *
 * <p>Every step is its own short transaction behind a transaction-scoped advisory lock, taken without waiting: when
 * two replicas run at once, one does the step and the other skips it. Locks on the event table are waited for at
 * most {@link #LOCK_TIMEOUT}, so ingestion is never held up for long; a step that gives up is done on the next run.
 *
 * <p>Limit: dropping a day's partition takes an exclusive lock on the event table for a moment, and while it waits
 * for that lock (at most {@link #LOCK_TIMEOUT}) new deliveries wait behind it. Detaching the partition concurrently
 * first would avoid that, but PostgreSQL refuses {@code DETACH PARTITION ... CONCURRENTLY} while the table has a
 * default partition, and this one keeps {@code event_default} for events outside the daily partitions.
 */
@ApplicationScoped
public class Retention {

    /** The advisory lock key of this job, the same in every replica. */
    static final long LOCK = 0x5669_6769_6c52_6574L;

    static final String LOCK_TIMEOUT = "5s";

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String PREFIX = "event_p";
    private static final int BATCH = 10_000;

    private static final String PARTITIONS = "select c.relname from pg_inherits i"
            + " join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent"
            + " join pg_namespace n on n.oid = p.relnamespace"
            + " where n.nspname = 'alert' and p.relname = 'event' and c.relname like 'event\\_p%'";

    private final AtomicBoolean partitionsReady = new AtomicBoolean();
    private final Pool pool;
    private final Duration events;
    private final Duration alerts;
    private final int ahead;

    public Retention(Pool pool, AlertConfig config) {
        this.pool = pool;
        this.events = config.retention().events();
        this.alerts = config.retention().alerts();
        this.ahead = config.retention().partitionsAhead();
    }

    /** What one run did. */
    public record Outcome(int partitionsCreated, int partitionsDropped, long eventsDeleted, long alertsDeleted) {}

    /**
     * Makes the coming days' partitions at start, without holding start-up: readiness stays down until they exist
     * ({@link PartitionsReadiness}), and an event that arrives before goes to the default partition, from which the
     * making of its day's partition moves it.
     */
    void onStart(@Observes StartupEvent start) {
        Uni.createFrom()
                .deferred(() -> ensurePartitions(Instant.now()))
                .onFailure()
                .invoke(failure -> Log.warnf("Event partitions could not be made yet (%s); retrying", failure))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .subscribe()
                .with(made -> partitionsReady.set(true), failure -> Log.error("Event partitions not made", failure));
    }

    /** Whether the partitions of the coming days were made since this replica started. */
    public boolean partitionsReady() {
        return partitionsReady.get();
    }

    @Scheduled(
            every = "${vigil.alert.retention.interval}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run(Instant.now())
                .onFailure()
                .invoke(failure -> Log.warn("Retention failed; it runs again on the next tick", failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** One run as of {@code now}. */
    public Uni<Outcome> run(Instant now) {
        Instant eventCutoff = now.minus(events);
        Instant alertCutoff = now.minus(alerts);

        return ensurePartitions(now)
                .invoke(() -> partitionsReady.set(true))
                .chain(created -> dropPartitionsBefore(day(eventCutoff))
                        .chain(dropped -> deleteEvents(eventCutoff)
                                .chain(deletedEvents -> deleteAlerts(alertCutoff)
                                        .call(() -> forgetMessages(eventCutoff))
                                        .call(() -> forgetProtectionReports(eventCutoff))
                                        .map(deletedAlerts ->
                                                new Outcome(created, dropped, deletedEvents, deletedAlerts)))))
                .invoke(outcome -> {
                    if (outcome.partitionsDropped() + outcome.eventsDeleted() + outcome.alertsDeleted() > 0) {
                        Log.infof(
                                "Retention: %d event partitions dropped, %d older events and %d alerts deleted",
                                outcome.partitionsDropped(), outcome.eventsDeleted(), outcome.alertsDeleted());
                    }
                });
    }

    /** Daily partitions from the first day still kept to {@code ahead} days after today; answers how many are new. */
    Uni<Integer> ensurePartitions(Instant now) {
        LocalDate today = day(now);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = day(now.minus(events)); !day.isAfter(today.plusDays(ahead)); day = day.plusDays(1)) {
            days.add(day);
        }
        return existing().chain(present -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (LocalDate day : days) {
                if (!present.contains(day)) {
                    chain = chain.chain(created -> ensurePartition(day).map(made -> created + (made ? 1 : 0)));
                }
            }
            return chain;
        });
    }

    /**
     * Creates the day's partition unless it exists, taking over the day's events that had fallen into the default
     * partition; true when this call created it.
     */
    public Uni<Boolean> ensurePartition(LocalDate day) {
        String table = "alert." + PREFIX + DAY.format(day);
        String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();

        return exclusively(connection -> connection
                        .preparedQuery("select to_regclass($1) is not null as present")
                        .execute(Tuple.of(table))
                        .chain(rows -> {
                            if (rows.iterator().next().getBoolean("present")) {
                                return Uni.createFrom().item(false);
                            }
                            return connection
                                    .query("create table " + table + " (like alert.event including defaults)")
                                    .execute()
                                    .chain(() -> connection
                                            .query("with moved as (delete from alert.event_default"
                                                    + " where event_time >= '" + from + "' and event_time < '"
                                                    + to + "' returning *)"
                                                    + " insert into " + table + " select * from moved")
                                            .execute())
                                    .chain(() -> connection
                                            .query("alter table alert.event attach partition " + table
                                                    + " for values from ('" + from + "') to ('" + to + "')")
                                            .execute())
                                    .invoke(() -> Log.debugf("Event partition %s created", table))
                                    .map(done -> true);
                        }))
                .map(made -> made != null && made);
    }

    /** Drops the partitions of the days before {@code firstKept}; answers how many. */
    private Uni<Integer> dropPartitionsBefore(LocalDate firstKept) {
        return existing().chain(present -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (LocalDate day : present) {
                if (day.isBefore(firstKept)) {
                    String table = "alert." + PREFIX + DAY.format(day);
                    chain = chain.chain(dropped -> exclusively(connection -> connection
                                    .query("drop table if exists " + table)
                                    .execute()
                                    .map(done -> 1))
                            .map(made -> dropped + (made == null ? 0 : made)));
                }
            }
            return chain;
        });
    }

    /** Events before the cutoff that lie in the default partition, a batch per run. */
    private Uni<Long> deleteEvents(Instant cutoff) {
        return deleteBatch(
                "delete from alert.event_default where ctid in (select ctid from alert.event_default"
                        + " where event_time < $1 limit $2)",
                cutoff);
    }

    /** Resolved and dismissed alerts whose last event is before the cutoff, a batch per run. */
    private Uni<Long> deleteAlerts(Instant cutoff) {
        return deleteBatch(
                "delete from alert.alert where id in (select id from alert.alert"
                        + " where status in ('Resolved', 'Dismissed') and end_time < $1 limit $2)",
                cutoff);
    }

    private Uni<Long> forgetMessages(Instant cutoff) {
        return deleteBatch(
                "delete from alert.inbox where ctid in (select ctid from alert.inbox where received_at < $1 limit $2)",
                cutoff);
    }

    /**
     * Endpoint protection reports collected before the cutoff, a batch per run, except each machine's latest: the next
     * report is judged against it.
     */
    private Uni<Long> forgetProtectionReports(Instant cutoff) {
        return deleteBatch(
                "delete from alert.endpoint_protection_report where ctid in (select r.ctid"
                        + " from alert.endpoint_protection_report r where r.collected_at < $1 and exists (select 1"
                        + " from alert.endpoint_protection_report n where n.machine_key = r.machine_key"
                        + " and n.collected_at > r.collected_at) limit $2)",
                cutoff);
    }

    private Uni<Long> deleteBatch(String statement, Instant cutoff) {
        return exclusively(connection -> connection
                        .preparedQuery(statement)
                        .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), BATCH))
                        .map(rows -> (long) rows.rowCount()))
                .map(deleted -> deleted == null ? 0L : deleted);
    }

    /** The days that have a partition. */
    private Uni<List<LocalDate>> existing() {
        return pool.query(PARTITIONS).execute().map(rows -> {
            List<LocalDate> days = new ArrayList<>();
            for (Row row : rows) {
                try {
                    days.add(LocalDate.parse(row.getString(0).substring(PREFIX.length()), DAY));
                } catch (DateTimeParseException e) {
                    Log.warnf("Table %s looks like an event partition but names no day; left alone", row.getString(0));
                }
            }
            return days;
        });
    }

    /** Runs the step in a transaction if no other replica is running one; null when it was skipped. */
    private <T> Uni<T> exclusively(Function<SqlConnection, Uni<T>> step) {
        return pool.withTransaction(connection -> connection
                .query("set local lock_timeout = '" + LOCK_TIMEOUT + "'")
                .execute()
                .chain(() -> connection
                        .preparedQuery("select pg_try_advisory_xact_lock($1) as taken")
                        .execute(Tuple.of(LOCK)))
                .chain(rows -> rows.iterator().next().getBoolean("taken")
                        ? step.apply(connection)
                        : Uni.createFrom().nullItem()));
    }

    private static LocalDate day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
