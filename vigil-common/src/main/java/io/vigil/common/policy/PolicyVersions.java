package io.vigil.common.policy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a receiving service was told of policy changes, kept in its own database so that every replica knows what any
 * one of them received. Policy-service's outbox hands each change notice to one replica only; that replica records
 * it here, and every replica, before it uses an effective policy it keeps, checks that no notice came in since it
 * read it.
 *
 * <p>Each scope (a subscription's own policy, or one resource group's) has one row. A notice gives its row a new
 * {@code generation} from the table's sequence, even when the same notice arrives twice: a number that only grows, so
 * a reader compares it with what it saw before reading the policy, whatever the versions the notices carry. The
 * latest version announced is kept beside it for whoever looks.
 *
 * <p>The table, in each receiver's migrations: {@code <table>(subscription_id, resource_group_key ('' for the
 * subscription), version, generation, noticed_at)} with its key on the first two, and the sequence {@code
 * <table>_generation}.
 */
public final class PolicyVersions {

    private final Pool pool;
    private final String record;
    private final String read;

    /** @param table the schema-qualified table, such as {@code collector.policy_version} */
    public PolicyVersions(Pool pool, String table) {
        this.pool = pool;
        this.record = "insert into " + table + " (subscription_id, resource_group_key, version, generation, noticed_at)"
                + " select notice.subscription_id, notice.resource_group_key, notice.version,"
                + " nextval('" + table + "_generation'), now()"
                + " from unnest($1::text[], $2::text[], $3::int[])"
                + " as notice(subscription_id, resource_group_key, version)"
                + " on conflict (subscription_id, resource_group_key) do update"
                + " set generation = excluded.generation, noticed_at = excluded.noticed_at,"
                + " version = greatest(" + table + ".version, excluded.version)";
        this.read = "select subscription_id, resource_group_key, generation from " + table
                + " where (subscription_id, resource_group_key) in"
                + " (select * from unnest($1::text[], $2::text[]))";
    }

    /** Records the notices in one statement, committed before it answers; a scope named twice counts once. */
    public Uni<Void> record(Collection<PolicyChanged> changes) {
        Map<String, PolicyChanged> latest = new LinkedHashMap<>();
        for (PolicyChanged change : changes) {
            latest.merge(
                    rowKey(change.subscriptionId(), groupKeyOf(change)),
                    change,
                    (kept, other) -> other.version() > kept.version() ? other : kept);
        }
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] subscriptions = new String[latest.size()];
        String[] groups = new String[latest.size()];
        Integer[] versions = new Integer[latest.size()];
        int row = 0;
        for (PolicyChanged change : latest.values()) {
            subscriptions[row] = change.subscriptionId();
            groups[row] = groupKeyOf(change);
            versions[row] = change.version();
            row++;
        }
        return pool.preparedQuery(record)
                .execute(Tuple.of(subscriptions, groups, versions))
                .replaceWithVoid();
    }

    /** For each scope, by its {@link PolicyScope#key()}, the generations of its two rows; one query for all. */
    public Uni<Map<String, Generations>> generationsOf(Collection<PolicyScope> scopes) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (PolicyScope scope : scopes) {
            rows.putIfAbsent(rowKey(scope.subscriptionId(), ""), new String[] {scope.subscriptionId(), ""});
            rows.putIfAbsent(
                    rowKey(scope.subscriptionId(), scope.groupKey()),
                    new String[] {scope.subscriptionId(), scope.groupKey()});
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] subscriptions = rows.values().stream().map(pair -> pair[0]).toArray(String[]::new);
        String[] groups = rows.values().stream().map(pair -> pair[1]).toArray(String[]::new);
        return pool.preparedQuery(read).execute(Tuple.of(subscriptions, groups)).map(found -> {
            Map<String, Long> generations = new HashMap<>();
            for (Row stored : found) {
                generations.put(rowKey(stored.getString(0), stored.getString(1)), stored.getLong(2));
            }
            Map<String, Generations> byScope = new HashMap<>();
            for (PolicyScope scope : scopes) {
                byScope.put(
                        scope.key(),
                        new Generations(
                                generations.getOrDefault(rowKey(scope.subscriptionId(), ""), 0L),
                                generations.getOrDefault(rowKey(scope.subscriptionId(), scope.groupKey()), 0L)));
            }
            return byScope;
        });
    }

    private static String groupKeyOf(PolicyChanged change) {
        return change.resourceGroup() == null ? "" : change.resourceGroup().toLowerCase(Locale.ROOT);
    }

    private static String rowKey(String subscriptionId, String groupKey) {
        return subscriptionId + "/" + groupKey;
    }

    /**
     * The generations of a resource group's two rows, the subscription's and its own; 0 for a row that does not exist.
     * A policy read after these were seen reflects every notice they count.
     */
    public record Generations(long subscription, long resourceGroup) {

        public static final Generations NONE = new Generations(0, 0);

        /** Whether what was seen then covers every notice counted in {@code now}. */
        public boolean covers(Generations now) {
            return subscription >= now.subscription && resourceGroup >= now.resourceGroup;
        }
    }
}
