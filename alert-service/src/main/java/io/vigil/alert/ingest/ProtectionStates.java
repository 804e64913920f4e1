package io.vigil.alert.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.state.EndpointProtectionReported;
import io.vigil.common.state.StateReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps each machine's latest endpoint protection by collection time. A report whose real-time protection is off when
 * the latest one before it had it on becomes an antimalware event of its own, so that the AntimalwareDisabled rule
 * sees it among the Defender events and shows the report as evidence. A report collected before the latest one is
 * late news and changes nothing.
 */
@ApplicationScoped
public class ProtectionStates {

    /** What the synthetic event names as its program, and what the alert's description says reported it. */
    static final String PROGRAM = "state report";

    private static final String SELECT = "select collected_at, real_time_protection"
            + " from alert.endpoint_protection_state where machine_key = $1 for update";

    private static final String UPSERT = "insert into alert.endpoint_protection_state (machine_key, collected_at,"
            + " real_time_protection, product, updated_at) values ($1, $2, $3, $4, now())"
            + " on conflict (machine_key) do update set collected_at = excluded.collected_at,"
            + " real_time_protection = excluded.real_time_protection, product = excluded.product,"
            + " updated_at = now()";

    private final ObjectMapper json;

    public ProtectionStates(ObjectMapper json) {
        this.json = json;
    }

    /** Records the report; answers the event to store when it shows protection switched off. */
    public Uni<Optional<EventStore.EventRow>> record(SqlConnection connection, EndpointProtectionReported report) {
        String machineKey = report.machine().key();
        Boolean now = protectionOn(report.endpointProtection());

        return connection
                .preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of(machineKey))
                .chain(() -> connection.preparedQuery(SELECT).execute(Tuple.of(machineKey)))
                .chain(rows -> {
                    Row latest = first(rows);
                    if (latest != null && !report.collectedAt().isAfter(EventStore.instant(latest, "collected_at"))) {
                        return Uni.createFrom().item(Optional.<EventStore.EventRow>empty());
                    }
                    boolean switchedOff = latest != null
                            && Boolean.TRUE.equals(latest.getBoolean("real_time_protection"))
                            && Boolean.FALSE.equals(now);
                    return connection
                            .preparedQuery(UPSERT)
                            .execute(Tuple.tuple(Arrays.asList(
                                    machineKey,
                                    report.collectedAt().atOffset(ZoneOffset.UTC),
                                    now,
                                    report.endpointProtection().product())))
                            .map(done -> switchedOff ? Optional.of(event(report)) : Optional.empty());
                });
    }

    /** Protection is off when the antimalware is not installed; unknown when the report does not say. */
    static Boolean protectionOn(StateReport.EndpointProtection protection) {
        if (Boolean.FALSE.equals(protection.installed())) {
            return false;
        }
        return protection.realTimeProtection();
    }

    private EventStore.EventRow event(EndpointProtectionReported report) {
        String machineKey = report.machine().key();
        String product = report.endpointProtection().product();
        UUID id = UUID.nameUUIDFromBytes(
                (machineKey + "/endpointProtection/" + report.collectedAt()).getBytes(StandardCharsets.UTF_8));
        return new EventStore.EventRow(
                id,
                report.collectedAt(),
                EventCategory.Antimalware,
                EventAction.ProtectionDisabled,
                1,
                product == null ? PROGRAM : PROGRAM + " of " + product,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                raw(report));
    }

    private String raw(EndpointProtectionReported report) {
        try {
            return json.writeValueAsString(Map.of(
                    "collectedAt", report.collectedAt().toString(),
                    "endpointProtection", report.endpointProtection()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An endpoint protection report could not be written as JSON", e);
        }
    }

    private static Row first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : rows.iterator().next();
    }
}
