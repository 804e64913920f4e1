package io.vigil.collector.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** How the collector delivers its outbox. */
@ConfigMapping(prefix = "vigil.outbox")
public interface OutboxSettings {

    /** Destination name ({@code recommendation}, {@code alert}) to the receiver's base URL. */
    Map<String, String> destinations();

    /** Messages per delivery request. */
    @WithDefault("200")
    int batchSize();

    /** Pause between looks at the outbox (at least 1s, the scheduler's resolution); each look drains it. */
    @WithDefault("1s")
    Duration interval();

    /** How long a receiver may take to answer one delivery. */
    @WithDefault("10s")
    Duration requestTimeout();
}
