package io.vigil.common.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a receiving service keeps the effective policies it reads from policy-service. */
@ConfigMapping(prefix = "vigil.policy-cache")
public interface PolicyCacheSettings {

    /** How long an effective policy is kept at most; a change notice received by any replica ends it sooner. */
    @WithDefault("30S")
    Duration ttl();

    /** How many resource groups' policies one replica keeps. */
    @WithDefault("10000")
    long maximumSize();

    /** The schema-qualified table of the notices this service received (see {@link PolicyVersions}). */
    String table();
}
