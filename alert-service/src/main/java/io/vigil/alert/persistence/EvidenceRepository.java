package io.vigil.alert.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.api.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The triggering events kept with an alert, read through the reactive client: they are not entities. */
@ApplicationScoped
public class EvidenceRepository {

    private static final String EVIDENCE =
            "select event_id, event_time, repeat_count, category, action, source_address,"
                    + " account, raw from alert.alert_evidence where alert_id = $1";

    private static final String FIRST_AND_LATEST = "(" + EVIDENCE + " order by event_time, event_id limit $2)"
            + " union (" + EVIDENCE + " order by event_time desc, event_id desc limit $2)"
            + " order by event_time, event_id";

    private final Pool pool;

    public EvidenceRepository(Pool pool) {
        this.pool = pool;
    }

    /** The first and the latest triggering events of an alert, at most {@code perEnd} of each, oldest first. */
    public Uni<List<Alert.Evidence>> of(UUID alertId, int perEnd) {
        return pool.preparedQuery(FIRST_AND_LATEST)
                .execute(Tuple.of(alertId, perEnd))
                .map(rows -> {
                    List<Alert.Evidence> evidence = new ArrayList<>();
                    for (Row row : rows) {
                        evidence.add(new Alert.Evidence(
                                row.getUUID("event_id"),
                                row.getOffsetDateTime("event_time").toInstant(),
                                row.getString("category"),
                                row.getString("action"),
                                row.getInteger("repeat_count"),
                                row.getString("source_address"),
                                row.getString("account"),
                                row.getString("raw")));
                    }
                    return evidence;
                });
    }
}
