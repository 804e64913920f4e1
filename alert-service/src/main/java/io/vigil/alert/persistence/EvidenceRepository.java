package io.vigil.alert.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.api.Alert;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The stored events behind an alert, read through the reactive client: events are not entities. */
@ApplicationScoped
public class EvidenceRepository {

    private static final String FAILED_LOGONS = "select id, event_time, repeat_count, source_address, account, raw"
            + " from alert.event where machine_key = $1 and category = $2 and action = $3 and source_address = $4"
            + " and event_time between $5 and $6";

    private static final String FIRST_AND_LATEST = "(" + FAILED_LOGONS + " order by event_time, id limit $7)"
            + " union (" + FAILED_LOGONS + " order by event_time desc, id desc limit $7)"
            + " order by event_time, id";

    private final Pool pool;

    public EvidenceRepository(Pool pool) {
        this.pool = pool;
    }

    /** The first and the latest failed logons of a brute-force alert, at most {@code perEnd} of each. */
    public Uni<List<Alert.Evidence>> failedLogons(AlertEntity alert, int perEnd) {
        Tuple parameters = Tuple.tuple(List.<Object>of(
                alert.machineKey,
                EventCategory.Authentication.name(),
                EventAction.LogonFailed.name(),
                alert.entityKey,
                alert.startTime.atOffset(ZoneOffset.UTC),
                alert.endTime.atOffset(ZoneOffset.UTC),
                perEnd));

        return pool.preparedQuery(FIRST_AND_LATEST).execute(parameters).map(rows -> {
            List<Alert.Evidence> evidence = new ArrayList<>();
            for (Row row : rows) {
                evidence.add(new Alert.Evidence(
                        row.getUUID("id"),
                        row.getOffsetDateTime("event_time").toInstant(),
                        row.getInteger("repeat_count"),
                        row.getString("source_address"),
                        row.getString("account"),
                        row.getString("raw")));
            }
            return evidence;
        });
    }
}
