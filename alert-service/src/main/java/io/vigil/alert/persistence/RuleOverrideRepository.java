package io.vigil.alert.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.config.DeployedRules;
import io.vigil.alert.detection.Catalogue;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.RuleSettings;
import io.vigil.alert.model.RuleOverride;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Subscriptions' values for the catalogue's rules, through the reactive client, so that ingestion reads them in its own
 * transaction and the API writes them in one statement.
 */
@ApplicationScoped
public class RuleOverrideRepository {

    private static final String SELECT = "select rule_id, enabled, threshold, window_seconds, updated_by, updated_at"
            + " from alert.detection_rule_override where subscription_id = $1";

    private static final String UPSERT = "insert into alert.detection_rule_override (subscription_id, rule_id, enabled,"
            + " threshold, window_seconds, updated_by, updated_at) values ($1, $2, $3, $4, $5, $6, $7)"
            + " on conflict (subscription_id, rule_id) do update set enabled = excluded.enabled,"
            + " threshold = excluded.threshold, window_seconds = excluded.window_seconds,"
            + " updated_by = excluded.updated_by, updated_at = excluded.updated_at";

    private final DeployedRules deployed;

    public RuleOverrideRepository(DeployedRules deployed) {
        this.deployed = deployed;
    }

    /** The subscription's overrides, by rule id. */
    public Uni<Map<String, RuleOverride>> find(SqlClient client, String subscriptionId) {
        return client.preparedQuery(SELECT).execute(Tuple.of(subscriptionId)).map(rows -> {
            Map<String, RuleOverride> overrides = new HashMap<>();
            for (Row row : rows) {
                Long seconds = row.getLong("window_seconds");
                overrides.put(
                        row.getString("rule_id"),
                        new RuleOverride(
                                row.getBoolean("enabled"),
                                row.getInteger("threshold"),
                                seconds == null ? null : Duration.ofSeconds(seconds),
                                row.getString("updated_by"),
                                row.getOffsetDateTime("updated_at").toInstant()));
            }
            return overrides;
        });
    }

    /** The values every rule runs with in the subscription, by rule id. */
    public Uni<Map<String, RuleSettings>> effective(SqlClient client, String subscriptionId) {
        return find(client, subscriptionId).map(overrides -> {
            Map<String, RuleSettings> settings = new LinkedHashMap<>();
            for (DetectionRule rule : Catalogue.RULES) {
                RuleSettings values = deployed.settings(rule);
                RuleOverride override = overrides.get(rule.ruleId());
                settings.put(rule.ruleId(), override == null ? values : override.applyTo(values));
            }
            return settings;
        });
    }

    public Uni<Void> save(SqlClient client, String subscriptionId, String ruleId, RuleOverride override) {
        Tuple parameters = Tuple.tuple(Arrays.asList(
                subscriptionId,
                ruleId,
                override.enabled(),
                override.threshold(),
                override.window() == null ? null : override.window().toSeconds(),
                override.updatedBy(),
                override.updatedAt().atOffset(ZoneOffset.UTC)));
        return client.preparedQuery(UPSERT).execute(parameters).replaceWithVoid();
    }
}
