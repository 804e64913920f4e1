package io.vigil.alert.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.detection.BruteForceFinding;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.ObservedEvent;
import io.vigil.alert.detection.SshBruteForceDetection;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.model.InvolvedEntity;
import io.vigil.common.machine.MachineRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs the SSH brute-force detection for the sources a batch touched on one machine and raises or updates their
 * alerts, inside the caller's transaction.
 *
 * <p>The detection is recomputed from every stored failed logon of those sources, so the answer never depends on the
 * order events arrived in. A transaction-scoped advisory lock on the machine makes replicas that receive events of
 * the same machine at once take turns, so they never raise two alerts for one source.
 *
 * <p>Limit: every stored failure of a touched source is read again, and events have no retention yet, so a source
 * that keeps failing for weeks makes this read grow with it.
 */
@ApplicationScoped
public class BruteForceAlerts {

    private static final String SELECT_ALERTS =
            "select id, entity_key, status, start_time, end_time, event_count from alert.alert"
                    + " where machine_key = $1 and alert_type = $2 and entity_key = any($3)";

    private static final String INSERT_ALERT = "insert into alert.alert (id, subscription_id, resource_group,"
            + " resource_group_key, machine_name, machine_key, compromised_entity, alert_type, entity_key,"
            + " display_name, description, severity, status, intent, entities, remediation_steps, start_time,"
            + " end_time, event_count, created_at, updated_at)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
            + " $18, $19, now(), now())";

    private static final String UPDATE_ALERT = "update alert.alert set description = $2, entities = $3,"
            + " start_time = $4, end_time = $5, event_count = $6, updated_at = now() where id = $1";

    private final EventStore events;
    private final ObjectMapper json;

    public BruteForceAlerts(EventStore events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    public Uni<Void> detect(SqlConnection connection, DetectionRule rule, MachineRef machine, Set<String> sources) {
        if (!rule.enabled() || sources.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] sourceArray = sources.toArray(String[]::new);

        return connection
                .preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of(machine.key()))
                .chain(() -> connection
                        .preparedQuery(SELECT_ALERTS)
                        .execute(Tuple.of(machine.key(), SshBruteForceDetection.ALERT_TYPE.name(), sourceArray)))
                .map(BruteForceAlerts::standingBySource)
                .chain(standing -> events.failedLogons(connection, machine.key(), sources)
                        .map(stored -> evaluate(rule, stored, standing))
                        .chain(findings -> write(connection, machine, findings, standing)));
    }

    /** Failures up to a closed alert's end belong to that alert; only later ones can raise a new one. */
    private static List<BruteForceFinding> evaluate(
            DetectionRule rule, List<ObservedEvent> stored, Map<String, Standing> standing) {
        List<ObservedEvent> open = stored.stream()
                .filter(event -> {
                    Standing previous = standing.get(event.sourceAddress());
                    return previous == null
                            || previous.closedUntil() == null
                            || event.time().isAfter(previous.closedUntil());
                })
                .toList();
        return SshBruteForceDetection.evaluate(rule, open);
    }

    private Uni<Void> write(
            SqlConnection connection,
            MachineRef machine,
            List<BruteForceFinding> findings,
            Map<String, Standing> standing) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (BruteForceFinding finding : findings) {
            Standing previous = standing.get(finding.sourceAddress());
            OpenAlert open = previous == null ? null : previous.open();
            if (open == null) {
                chain = chain.chain(() -> raise(connection, machine, finding));
            } else if (open.differsFrom(finding)) {
                chain = chain.chain(() -> update(connection, machine, open.id(), finding));
            }
        }
        return chain;
    }

    private Uni<Void> raise(SqlConnection connection, MachineRef machine, BruteForceFinding finding) {
        UUID id = UUID.randomUUID();
        Tuple parameters = Tuple.tuple(List.<Object>of(
                id,
                machine.subscriptionId(),
                machine.resourceGroup(),
                machine.resourceGroup().toLowerCase(Locale.ROOT),
                machine.name(),
                machine.key(),
                machine.resourceId(),
                SshBruteForceDetection.ALERT_TYPE.name(),
                finding.sourceAddress(),
                SshBruteForceDetection.DISPLAY_NAME,
                SshBruteForceDetection.describe(finding, machine.name()),
                SshBruteForceDetection.SEVERITY.name(),
                AlertStatus.Active.name(),
                SshBruteForceDetection.INTENT,
                toJson(entities(machine, finding)),
                toJson(SshBruteForceDetection.REMEDIATION_STEPS),
                finding.start().atOffset(ZoneOffset.UTC),
                finding.end().atOffset(ZoneOffset.UTC),
                finding.eventCount()));

        return connection
                .preparedQuery(INSERT_ALERT)
                .execute(parameters)
                .invoke(() -> Log.infof(
                        "Alert %s raised: %s from %s against %s, %d failed logons",
                        id,
                        SshBruteForceDetection.ALERT_TYPE,
                        finding.sourceAddress(),
                        machine.resourceId(),
                        finding.eventCount()))
                .replaceWithVoid();
    }

    private Uni<Void> update(SqlConnection connection, MachineRef machine, UUID id, BruteForceFinding finding) {
        Tuple parameters = Tuple.tuple(List.<Object>of(
                id,
                SshBruteForceDetection.describe(finding, machine.name()),
                toJson(entities(machine, finding)),
                finding.start().atOffset(ZoneOffset.UTC),
                finding.end().atOffset(ZoneOffset.UTC),
                finding.eventCount()));

        return connection
                .preparedQuery(UPDATE_ALERT)
                .execute(parameters)
                .invoke(() -> Log.debugf("Alert %s updated: %d failed logons", id, finding.eventCount()))
                .replaceWithVoid();
    }

    private static List<InvolvedEntity> entities(MachineRef machine, BruteForceFinding finding) {
        List<InvolvedEntity> entities = new ArrayList<>();
        entities.add(InvolvedEntity.ip(finding.sourceAddress()));
        entities.add(InvolvedEntity.host(machine.resourceId()));
        finding.accounts().forEach(account -> entities.add(InvolvedEntity.account(account)));
        return entities;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert field could not be written as JSON", e);
        }
    }

    private static Map<String, Standing> standingBySource(Iterable<Row> rows) {
        Map<String, Standing> bySource = new HashMap<>();
        for (Row row : rows) {
            String source = row.getString("entity_key");
            Standing current = bySource.getOrDefault(source, new Standing(null, null));
            AlertStatus status = AlertStatus.valueOf(row.getString("status"));
            if (status.isOpen()) {
                current = new Standing(
                        new OpenAlert(
                                row.getUUID("id"),
                                EventStore.instant(row, "start_time"),
                                EventStore.instant(row, "end_time"),
                                row.getLong("event_count")),
                        current.closedUntil());
            } else {
                Instant end = EventStore.instant(row, "end_time");
                Instant closedUntil = current.closedUntil() == null || end.isAfter(current.closedUntil())
                        ? end
                        : current.closedUntil();
                current = new Standing(current.open(), closedUntil);
            }
            bySource.put(source, current);
        }
        return bySource;
    }

    /** A source's alerts on the machine: the open one, if any, and the end of the latest closed one. */
    private record Standing(OpenAlert open, Instant closedUntil) {}

    private record OpenAlert(UUID id, Instant start, Instant end, long eventCount) {

        boolean differsFrom(BruteForceFinding finding) {
            return !start.equals(finding.start()) || !end.equals(finding.end()) || eventCount != finding.eventCount();
        }
    }
}
