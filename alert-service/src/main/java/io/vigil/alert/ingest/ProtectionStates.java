package io.vigil.alert.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.state.EndpointProtectionReported;
import io.vigil.common.state.StateReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps every endpoint protection report of a machine by collection time, and holds, for each report whose real-time
 * protection is off while the report just before it (by collection time) had it on, an antimalware event of its own,
 * so that the AntimalwareDisabled rule sees those switch-offs among the Defender events and shows the report as
 * evidence.
 *
 * <p>A report only changes what its own place in collection order decides: whether it is a switch-off itself, and
 * whether the report right after it still is one. So whatever order reports arrive in, the switch-off events end up
 * those of the reports in collection order: a late report can add a switch-off, and a late 'off' just before one moves
 * it to the earlier report. A second report with the collection time of one already kept changes nothing.
 */
@ApplicationScoped
public class ProtectionStates {

    /** What the synthetic event names as its program, and what the alert's description says reported it. */
    static final String PROGRAM = "state report";

    private static final String INSERT = "insert into alert.endpoint_protection_report (machine_key, collected_at,"
            + " real_time_protection, product, raw, received_at) values ($1, $2, $3, $4, $5, now())"
            + " on conflict (machine_key, collected_at) do nothing";

    private static final String NEIGHBOURS = "(select 'before' as side, collected_at, real_time_protection, product,"
            + " raw from alert.endpoint_protection_report where machine_key = $1 and collected_at < $2"
            + " order by collected_at desc limit 1) union all (select 'after', collected_at, real_time_protection,"
            + " product, raw from alert.endpoint_protection_report where machine_key = $1 and collected_at > $2"
            + " order by collected_at limit 1)";

    private static final String DELETE_SWITCH_OFF = "delete from alert.event where machine_key = $1"
            + " and event_time = $2 and category = 'Antimalware' and action = 'ProtectionDisabled'"
            + " and (program = '" + PROGRAM + "' or program like '" + PROGRAM + " of %')";

    private final ObjectMapper json;

    public ProtectionStates(ObjectMapper json) {
        this.json = json;
    }

    /**
     * What a report changed among the machine's switch-off events.
     *
     * @param added the events to store, for reports that are switch-offs now
     * @param removed how many stored switch-off events went, of reports that are no longer switch-offs
     */
    public record Change(List<EventStore.EventRow> added, int removed) {

        static final Change NONE = new Change(List.of(), 0);

        public boolean isEmpty() {
            return added.isEmpty() && removed == 0;
        }
    }

    /** Records the report and answers how the machine's switch-off events change with it; stores nothing of them. */
    public Uni<Change> record(SqlConnection connection, EndpointProtectionReported report) {
        String machineKey = report.machine().key();
        Report given = new Report(
                report.collectedAt(),
                protectionOn(report.endpointProtection()),
                report.endpointProtection().product(),
                raw(report));

        return connection
                .preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of(machineKey))
                .chain(() -> connection
                        .preparedQuery(INSERT)
                        .execute(Tuple.tuple(Arrays.asList(
                                machineKey,
                                given.collectedAt().atOffset(ZoneOffset.UTC),
                                given.realTimeProtection(),
                                given.product(),
                                given.raw()))))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(Change.NONE)
                        : neighbours(connection, machineKey, given)
                                .chain(around ->
                                        change(connection, machineKey, around.before(), given, around.after())));
    }

    /**
     * The report now sits between {@code before} and {@code after} (either may be missing): it is a switch-off when
     * {@code before} had protection on and it has it off; {@code after} was one when {@code before} had it on, and is
     * one now when the report has it on.
     */
    private Uni<Change> change(SqlConnection connection, String machineKey, Report before, Report given, Report after) {
        List<EventStore.EventRow> added = new ArrayList<>();
        if (switchedOff(before, given)) {
            added.add(event(machineKey, given));
        }
        if (after == null) {
            return Uni.createFrom().item(new Change(added, 0));
        }
        boolean was = switchedOff(before, after);
        boolean is = switchedOff(given, after);
        if (is && !was) {
            added.add(event(machineKey, after));
        }
        if (was && !is) {
            return connection
                    .preparedQuery(DELETE_SWITCH_OFF)
                    .execute(Tuple.of(machineKey, after.collectedAt().atOffset(ZoneOffset.UTC)))
                    .map(deleted -> new Change(added, deleted.rowCount()));
        }
        return Uni.createFrom().item(new Change(added, 0));
    }

    private static boolean switchedOff(Report previous, Report next) {
        return previous != null
                && Boolean.TRUE.equals(previous.realTimeProtection())
                && Boolean.FALSE.equals(next.realTimeProtection());
    }

    private Uni<Neighbours> neighbours(SqlConnection connection, String machineKey, Report given) {
        return connection
                .preparedQuery(NEIGHBOURS)
                .execute(Tuple.of(machineKey, given.collectedAt().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Report before = null;
                    Report after = null;
                    for (Row row : rows) {
                        Report found = new Report(
                                EventStore.instant(row, "collected_at"),
                                row.getBoolean("real_time_protection"),
                                row.getString("product"),
                                row.getString("raw"));
                        if ("before".equals(row.getString("side"))) {
                            before = found;
                        } else {
                            after = found;
                        }
                    }
                    return new Neighbours(before, after);
                });
    }

    /** Protection is off when the antimalware is not installed; unknown when the report does not say. */
    static Boolean protectionOn(StateReport.EndpointProtection protection) {
        if (Boolean.FALSE.equals(protection.installed())) {
            return false;
        }
        return protection.realTimeProtection();
    }

    private static EventStore.EventRow event(String machineKey, Report report) {
        UUID id = UUID.nameUUIDFromBytes(
                (machineKey + "/endpointProtection/" + report.collectedAt()).getBytes(StandardCharsets.UTF_8));
        return new EventStore.EventRow(
                id,
                report.collectedAt(),
                EventCategory.Antimalware,
                EventAction.ProtectionDisabled,
                1,
                report.product() == null ? PROGRAM : PROGRAM + " of " + report.product(),
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
                report.raw());
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

    /** One report as kept: its raw text is what an alert shows of it. */
    private record Report(Instant collectedAt, Boolean realTimeProtection, String product, String raw) {}

    private record Neighbours(Report before, Report after) {}
}
