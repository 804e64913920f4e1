package io.vigil.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * A service's outbox: which table, which receivers, how often. A service has one when it sets {@code
 * vigil.outbox.enabled=true} at build time and creates the tables in its migrations.
 */
@ConfigMapping(prefix = "vigil.outbox")
public interface OutboxSettings {

    /** Read at build time: whether this service has an outbox at all. */
    @WithDefault("false")
    boolean enabled();

    /** The sending service's name, as receivers record it. */
    String source();

    /** The schema-qualified outbox table; its destination table is the same name with {@code _destination}. */
    String table();

    /** Destination name (such as {@code recommendation}) to the receiver's base URL. */
    Map<String, String> destinations();

    /** Messages per delivery request. */
    @WithDefault("200")
    int batchSize();

    /** Pause between looks at the outbox (at least 1s, the scheduler's resolution); each look drains it. */
    @WithDefault("1s")
    Duration interval();

    /** How often the backlog and the age of the oldest message are measured for the metrics. */
    @WithDefault("15s")
    Duration metricsInterval();

    /** How long a receiver may take to answer one delivery. */
    @WithDefault("10s")
    Duration requestTimeout();
}
