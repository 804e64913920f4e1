package io.vigil.alert.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.api.SuppressionRule;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.model.EntityMatch;
import io.vigil.alert.model.InvolvedEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Suppression rules and the recent alerts they are simulated on, through the reactive client. */
@ApplicationScoped
public class SuppressionRuleRepository {

    private static final String COLUMNS =
            "name, alert_type, entities, reason, expires_at, created_by, created_at, updated_by, updated_at";

    private static final String FIND =
            "select " + COLUMNS + " from alert.suppression_rule where subscription_id = $1 and name = $2";

    private static final String LIST = "select " + COLUMNS + " from alert.suppression_rule"
            + " where subscription_id = $1 and ($2::text is null or name > $2) order by name limit $3";

    private static final String UPSERT = "insert into alert.suppression_rule (subscription_id, " + COLUMNS + ")"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8)"
            + " on conflict (subscription_id, name) do update set alert_type = excluded.alert_type,"
            + " entities = excluded.entities, reason = excluded.reason, expires_at = excluded.expires_at,"
            + " updated_by = excluded.updated_by, updated_at = excluded.updated_at"
            + " returning " + COLUMNS + ", (xmax = 0) as inserted";

    private static final String DELETE = "delete from alert.suppression_rule where subscription_id = $1 and name = $2";

    private static final String RECENT_ALERTS = "select machine_name, status, entities from alert.alert"
            + " where subscription_id = $1 and alert_type = $2 and start_time >= $3 and start_time < $4";

    private final Pool pool;
    private final ObjectMapper json;

    public SuppressionRuleRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** A rule as saved, and whether saving created it. */
    public record Saved(SuppressionRule rule, boolean created) {}

    /** An alert as a suppression rule sees it. */
    public record RecentAlert(String machineName, AlertStatus status, List<InvolvedEntity> entities) {}

    public Uni<SuppressionRule> find(String subscriptionId, String name) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(subscriptionId, name))
                .map(rows -> rows.size() == 0 ? null : rule(rows.iterator().next()));
    }

    /** By name, after {@code after} when given; at most {@code limit}. */
    public Uni<List<SuppressionRule>> list(String subscriptionId, String after, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.tuple(Arrays.asList(subscriptionId, after, limit)))
                .map(rows -> {
                    List<SuppressionRule> rules = new ArrayList<>();
                    rows.forEach(row -> rules.add(rule(row)));
                    return rules;
                });
    }

    /** Creates or replaces the rule; a replaced rule keeps who created it and when. */
    public Uni<Saved> save(String subscriptionId, SuppressionRule.Body body, String name, String by, Instant at) {
        Tuple parameters = Tuple.tuple(Arrays.asList(
                subscriptionId,
                name,
                body.alertType().name(),
                write(body.entities()),
                body.reason(),
                body.expiresAt().atOffset(ZoneOffset.UTC),
                by,
                at.atOffset(ZoneOffset.UTC)));
        return pool.preparedQuery(UPSERT).execute(parameters).map(rows -> {
            Row row = rows.iterator().next();
            return new Saved(rule(row), row.getBoolean("inserted"));
        });
    }

    /** True when there was such a rule. */
    public Uni<Boolean> delete(String subscriptionId, String name) {
        return pool.preparedQuery(DELETE)
                .execute(Tuple.of(subscriptionId, name))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<List<RecentAlert>> alerts(String subscriptionId, AlertType type, Instant from, Instant to) {
        Tuple parameters =
                Tuple.of(subscriptionId, type.name(), from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(RECENT_ALERTS).execute(parameters).map(rows -> {
            List<RecentAlert> alerts = new ArrayList<>();
            for (Row row : rows) {
                alerts.add(new RecentAlert(
                        row.getString("machine_name"),
                        AlertStatus.valueOf(row.getString("status")),
                        read(row.getString("entities"), new TypeReference<>() {})));
            }
            return alerts;
        });
    }

    private SuppressionRule rule(Row row) {
        return new SuppressionRule(
                row.getString("name"),
                AlertType.valueOf(row.getString("alert_type")),
                read(row.getString("entities"), new TypeReference<List<EntityMatch>>() {}),
                row.getString("reason"),
                instant(row, "expires_at"),
                row.getString("created_by"),
                instant(row, "created_at"),
                row.getString("updated_by"),
                instant(row, "updated_at"));
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A suppression rule could not be written as JSON", e);
        }
    }

    private <T> T read(String column, TypeReference<T> type) {
        try {
            return json.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored column does not hold the expected JSON", e);
        }
    }
}
