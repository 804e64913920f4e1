package io.vigil.recommendation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.recommendation.health.HealthState;
import io.vigil.recommendation.health.MachineHealth;
import io.vigil.recommendation.health.SecureScore;
import io.vigil.recommendation.health.SecurityControl;
import io.vigil.recommendation.model.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The health view's reads: pages of machines with their controls, and a subscription's counts in one aggregate query
 * over the judgments stored at evaluation, never over the machines' states.
 */
@ApplicationScoped
public class HealthQueries {

    /**
     * A page starts after a machine key; each filter is a plain equality written only when it is asked for, so every
     * combination has an index on (subscription, filter columns, machine key) that serves it in page order.
     */
    private static final String PAGE = "select machine_key, resource_group, name, os_type, agent_status,"
            + " last_heartbeat, health::text, health_state, health_reasons::text from recommendation.machine"
            + " where subscription_id = $1 and machine_key > $2";

    private static final String IN_RESOURCE_GROUP = " and resource_group_key = $";
    private static final String OF_HEALTH = " and health_state = $";

    private static final String ACTIVE_BY_SEVERITY = "select severity, count(*) from recommendation.recommendation"
            + " where subscription_id = $1 and state = 'Active' group by severity";

    private static final String COUNTS = counts();
    private static final TypeReference<Map<String, List<String>>> REASONS = new TypeReference<>() {};

    private final Pool pool;
    private final ObjectMapper json;

    public HealthQueries(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * A machine of the health view; {@code controls} is null for a machine not evaluated yet, {@code reasons} empty
     * then.
     */
    public record MachineHealthRow(
            String machineKey,
            String resourceGroup,
            String name,
            String osType,
            String agentStatus,
            Instant lastHeartbeat,
            HealthState health,
            MachineHealth controls,
            Map<String, List<String>> reasons) {}

    /** A subscription's machines by overall health, and by health on each control. */
    public record HealthCounts(
            long machines,
            long healthy,
            long unhealthy,
            long notApplicable,
            Map<SecurityControl, SecureScore.Counts> byControl) {}

    /**
     * @param resourceGroupKey a lower-case group name, or null for all
     * @param health the overall health to keep, or null for all
     */
    public Uni<List<MachineHealthRow>> page(
            String subscriptionId, String resourceGroupKey, HealthState health, String afterKey, int limit) {
        StringBuilder query = new StringBuilder(PAGE);
        Tuple parameters = Tuple.of(subscriptionId, afterKey == null ? "" : afterKey);
        if (resourceGroupKey != null) {
            parameters.addString(resourceGroupKey);
            query.append(IN_RESOURCE_GROUP).append(parameters.size());
        }
        if (health != null) {
            parameters.addString(health.name());
            query.append(OF_HEALTH).append(parameters.size());
        }
        parameters.addInteger(limit);
        query.append(" order by machine_key limit $").append(parameters.size());

        return pool.preparedQuery(query.toString()).execute(parameters).map(rows -> {
            List<MachineHealthRow> page = new ArrayList<>(rows.size());
            for (Row row : rows) {
                OffsetDateTime heartbeat = row.getOffsetDateTime(5);
                page.add(new MachineHealthRow(
                        row.getString(0),
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        heartbeat == null ? null : heartbeat.toInstant(),
                        HealthState.valueOf(row.getString(7)),
                        controls(row.getString(6)),
                        reasons(row.getString(8))));
            }
            return page;
        });
    }

    public Uni<HealthCounts> counts(String subscriptionId) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(subscriptionId)).map(rows -> {
            Row row = rows.iterator().next();
            Map<SecurityControl, SecureScore.Counts> byControl = new EnumMap<>(SecurityControl.class);
            int column = 4;
            for (SecurityControl control : SecurityControl.values()) {
                byControl.put(
                        control,
                        new SecureScore.Counts(row.getLong(column), row.getLong(column + 1), row.getLong(column + 2)));
                column += 3;
            }
            return new HealthCounts(row.getLong(0), row.getLong(1), row.getLong(2), row.getLong(3), byControl);
        });
    }

    public Uni<Map<Severity, Long>> activeBySeverity(String subscriptionId) {
        return pool.preparedQuery(ACTIVE_BY_SEVERITY)
                .execute(Tuple.of(subscriptionId))
                .map(rows -> {
                    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
                    Arrays.stream(Severity.values()).forEach(severity -> counts.put(severity, 0L));
                    rows.forEach(row -> counts.put(Severity.valueOf(row.getString(0)), row.getLong(1)));
                    return counts;
                });
    }

    /** One row: all machines, by overall health, then healthy, unhealthy and not applicable per control. */
    private static String counts() {
        StringBuilder select = new StringBuilder("select count(*)");
        for (HealthState state : HealthState.values()) {
            select.append(", count(*) filter (where health_state = '")
                    .append(state.name())
                    .append("')");
        }
        select.append(Arrays.stream(SecurityControl.values())
                .flatMap(control -> Arrays.stream(HealthState.values())
                        .map(state -> ", count(*) filter (where coalesce(health->>'" + control.json()
                                + "', 'NotApplicable') = '" + state.name() + "')"))
                .collect(Collectors.joining()));
        return select.append(" from recommendation.machine where subscription_id = $1")
                .toString();
    }

    private MachineHealth controls(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, MachineHealth.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("A stored health judgment could not be read", e);
        }
    }

    private Map<String, List<String>> reasons(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, REASONS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("The stored reasons of a health judgment could not be read", e);
        }
    }
}
