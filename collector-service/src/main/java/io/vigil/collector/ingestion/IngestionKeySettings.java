package io.vigil.collector.ingestion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a rotated ingestion key keeps working, and how long a replica trusts what it read about a key. */
@ConfigMapping(prefix = "vigil.ingestion-keys")
public interface IngestionKeySettings {

    /** After a rotation the old key works this much longer, time enough to roll the new one out to agents. */
    @WithDefault("PT24H")
    Duration grace();

    /**
     * How long a key read from the database is trusted without reading it again. Never longer than {@link #grace()}:
     * a replica that did not see a rotation then still reads the key again before the old one must stop working.
     */
    @WithDefault("PT30S")
    Duration cacheTtl();
}
