package io.vigil.collector.machine;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.collector.idempotency.Idempotency;
import io.vigil.collector.idempotency.IdempotencyClaim;
import io.vigil.collector.outbox.Destinations;
import io.vigil.collector.policy.PolicyReader;
import io.vigil.common.machine.AgentStatusChanged;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Heartbeats, and the announcement of each change of agent status to recommendation-service. Status is judged by
 * when heartbeats arrive on the server's clock, never by the agent's. The announced status lives in its own column
 * that only compare-and-set statements write: a heartbeat and the sweep, or two replicas' sweeps, can race and still
 * announce each change exactly once.
 */
@ApplicationScoped
public class AgentLiveness {

    /** The smallest silence a policy allows; machines heard from since then need no look. */
    private static final Duration SHORTEST_SILENCE = Duration.ofMinutes(1);

    private static final int SWEEP_BATCH = 5000;

    private static final String HEARTBEAT = "with previous as (select id, agent_status_announced from collector.machine"
            + " where subscription_id = $1 and resource_group_key = $2 and name_key = $3 for update)"
            + " update collector.machine m set last_heartbeat = $4, agent_status_announced = 'Reporting'"
            + " from previous p where m.id = p.id"
            + " returning p.agent_status_announced, m.subscription_id, m.resource_group, m.name";

    /** Quiet machines after a cursor (last heartbeat, id), quietest first, a batch at a time. */
    private static final String QUIET = "select id, subscription_id, resource_group, name, last_heartbeat"
            + " from collector.machine where agent_status_announced = 'Reporting' and last_heartbeat < $1"
            + " and (last_heartbeat, id) > ($3, $4) order by last_heartbeat, id limit $2";

    private static final String MARK_UNRESPONSIVE = "update collector.machine m"
            + " set agent_status_announced = 'Unresponsive'"
            + " from unnest($1::bigint[], $2::timestamptz[]) as c(id, cutoff)"
            + " where m.id = c.id and m.agent_status_announced = 'Reporting' and m.last_heartbeat < c.cutoff"
            + " returning m.subscription_id, m.resource_group, m.name, m.last_heartbeat";

    private final Pool pool;
    private final Outbox outbox;
    private final MachineService machines;
    private final PolicyReader policies;
    private final Idempotency idempotency;

    public AgentLiveness(
            Pool pool, Outbox outbox, MachineService machines, PolicyReader policies, Idempotency idempotency) {
        this.pool = pool;
        this.outbox = outbox;
        this.machines = machines;
        this.policies = policies;
        this.idempotency = idempotency;
    }

    /** Records a heartbeat at the server's time; a machine not yet known is registered first. */
    public Uni<Void> heartbeat(MachineRef ref, IdempotencyClaim claim) {
        Instant now = Instant.now();
        return record(ref, now, claim)
                .flatMap(known -> known
                        ? Uni.createFrom().voidItem()
                        : machines.ensureRegistered(ref)
                                .flatMap(registered -> record(ref, now, claim))
                                .replaceWithVoid());
    }

    /** Announces the machines whose agents have been silent past their policy's threshold. */
    @Scheduled(
            every = "${vigil.agents.sweep-interval}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant now = Instant.now();
        return sweepAfter(now, Instant.EPOCH, 0)
                .onFailure()
                .invoke(failure -> Log.warn("Agent liveness sweep failed; it runs again on the next tick", failure))
                .onFailure()
                .recoverWithNull();
    }

    /**
     * One batch of quiet machines, then the next, until all were looked at: machines that are quiet but within a long
     * threshold must not hide, batch after batch, those past a short one.
     */
    private Uni<Void> sweepAfter(Instant now, Instant heartbeat, long id) {
        return pool.preparedQuery(QUIET)
                .execute(Tuple.of(at(now.minus(SHORTEST_SILENCE)), SWEEP_BATCH, at(heartbeat), id))
                .flatMap(rows -> {
                    List<Row> batch = new ArrayList<>(rows.size());
                    rows.forEach(batch::add);
                    Uni<Void> announced = cutoffs(batch, now)
                            .flatMap(candidates ->
                                    candidates.isEmpty() ? Uni.createFrom().voidItem() : announceSilent(candidates));
                    if (batch.size() < SWEEP_BATCH) {
                        return announced;
                    }
                    Row last = batch.get(batch.size() - 1);
                    return announced.chain(
                            () -> sweepAfter(now, last.getOffsetDateTime(4).toInstant(), last.getLong(0)));
                });
    }

    private Uni<Boolean> record(MachineRef ref, Instant now, IdempotencyClaim claim) {
        Tuple key = Tuple.of(
                ref.subscriptionId(),
                MachineEntity.keyOf(ref.resourceGroup()),
                MachineEntity.keyOf(ref.name()),
                at(now));
        return pool.withTransaction(connection -> connection
                .preparedQuery(HEARTBEAT)
                .execute(key)
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = rows.iterator().next();
                    Uni<Void> recorded = idempotency.record(connection, claim, 204, null);
                    if (AgentStatus.Reporting.name().equals(row.getString(0))) {
                        return recorded.replaceWith(true);
                    }
                    MachineRef stored = refOf(row, 1);
                    Log.infof("Agent of %s is reporting (was %s)", stored.resourceId(), row.getString(0));
                    return recorded.chain(() -> announce(connection, stored, AgentStatus.Reporting, now, now))
                            .replaceWith(true);
                }));
    }

    /** Each candidate's cutoff: the time before which its last heartbeat makes it unresponsive under its policy. */
    private Uni<List<Candidate>> cutoffs(Iterable<Row> rows, Instant now) {
        Map<String, List<Candidate>> byGroup = new LinkedHashMap<>();
        for (Row row : rows) {
            MachineRef ref = refOf(row, 1);
            byGroup.computeIfAbsent(ref.resourceGroupId().toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                    .add(new Candidate(row.getLong(0), ref, null));
        }
        List<Candidate> due = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<Candidate> group : byGroup.values()) {
            MachineRef first = group.get(0).ref();
            chain = chain.chain(() -> policies.effective(first.subscriptionId(), first.resourceGroup())
                    .invoke(policy -> {
                        Instant cutoff = now.minus(Duration.ofMinutes(policy.agentSilenceMinutes()));
                        group.forEach(candidate -> due.add(new Candidate(candidate.id(), candidate.ref(), cutoff)));
                    })
                    .replaceWithVoid()
                    .onFailure()
                    .invoke(failure ->
                            Log.debugf("Liveness of %s left for the next sweep: %s", first.resourceGroupId(), failure))
                    .onFailure()
                    .recoverWithNull());
        }
        return chain.replaceWith(due);
    }

    private Uni<Void> announceSilent(List<Candidate> candidates) {
        Long[] ids = candidates.stream().map(Candidate::id).toArray(Long[]::new);
        OffsetDateTime[] cutoffs = candidates.stream().map(c -> at(c.cutoff())).toArray(OffsetDateTime[]::new);
        Instant now = Instant.now();
        return pool.withTransaction(connection -> connection
                .preparedQuery(MARK_UNRESPONSIVE)
                .execute(Tuple.of(ids, cutoffs))
                .flatMap(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        MachineRef ref = refOf(row, 0);
                        Instant lastHeartbeat = row.getOffsetDateTime(3).toInstant();
                        Log.infof("Agent of %s is unresponsive: silent since %s", ref.resourceId(), lastHeartbeat);
                        chain = chain.chain(
                                () -> announce(connection, ref, AgentStatus.Unresponsive, lastHeartbeat, now));
                    }
                    return chain;
                }));
    }

    private Uni<Void> announce(
            SqlConnection connection, MachineRef ref, AgentStatus status, Instant lastHeartbeat, Instant now) {
        return outbox.enqueue(
                connection,
                Destinations.RECOMMENDATION,
                MessageKinds.AGENT_STATUS_CHANGED,
                ref.key(),
                new AgentStatusChanged(ref, status.name(), lastHeartbeat, now));
    }

    private static MachineRef refOf(Row row, int from) {
        return new MachineRef(row.getString(from), row.getString(from + 1), row.getString(from + 2));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Candidate(long id, MachineRef ref, Instant cutoff) {}
}
