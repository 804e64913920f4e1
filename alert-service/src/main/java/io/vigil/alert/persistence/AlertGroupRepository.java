package io.vigil.alert.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.model.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Counts of a subscription's alerts by type or by day (UTC) of their start, and by severity, in one query each. */
@ApplicationScoped
public class AlertGroupRepository {

    private static final String BY_TYPE = "select alert_type as key, severity, count(*) as alerts from alert.alert"
            + " where subscription_id = $1 and start_time >= $2 and start_time < $3 group by 1, 2 order by 1, 2";

    private static final String BY_DATE = "select to_char(start_time at time zone 'UTC', 'YYYY-MM-DD') as key,"
            + " severity, count(*) as alerts from alert.alert"
            + " where subscription_id = $1 and start_time >= $2 and start_time < $3 group by 1, 2 order by 1, 2";

    private final Pool pool;

    public AlertGroupRepository(Pool pool) {
        this.pool = pool;
    }

    /** One count per group key and severity; the key is the alert type, or the day as {@code YYYY-MM-DD}. */
    public record Count(String key, Severity severity, long alerts) {}

    public Uni<List<Count>> byType(String subscriptionId, Instant from, Instant to) {
        return counts(BY_TYPE, subscriptionId, from, to);
    }

    public Uni<List<Count>> byDate(String subscriptionId, Instant from, Instant to) {
        return counts(BY_DATE, subscriptionId, from, to);
    }

    private Uni<List<Count>> counts(String query, String subscriptionId, Instant from, Instant to) {
        Tuple parameters = Tuple.of(subscriptionId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(query).execute(parameters).map(rows -> {
            List<Count> counts = new ArrayList<>();
            for (Row row : rows) {
                counts.add(new Count(
                        row.getString("key"), Severity.valueOf(row.getString("severity")), row.getLong("alerts")));
            }
            return counts;
        });
    }
}
