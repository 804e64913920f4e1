package io.vigil.collector.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the collector stored, read straight from its schema; called from test threads, never an event loop. */
@ApplicationScoped
public class TestDatabase {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;

    public TestDatabase(Pool pool) {
        this.pool = pool;
    }

    public long count(String sql, Object... parameters) {
        Row row = pool.preparedQuery(sql)
                .execute(Tuple.from(parameters))
                .await()
                .atMost(TIMEOUT)
                .iterator()
                .next();
        return row.getLong(0);
    }

    /** The first column of every row, as text, in the order the query gives. */
    public List<String> texts(String sql, Object... parameters) {
        List<String> values = new ArrayList<>();
        pool.preparedQuery(sql)
                .execute(Tuple.from(parameters))
                .await()
                .atMost(TIMEOUT)
                .forEach(row -> values.add(row.getValue(0) == null ? null : String.valueOf(row.getValue(0))));
        return values;
    }

    public void update(String sql, Object... parameters) {
        pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(TIMEOUT);
    }
}
