package io.vigil.recommendation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the recommendation service, under {@code vigil.recommendations}. */
@ConfigMapping(prefix = "vigil.recommendations")
public interface RecommendationConfig {

    /** How many recommendations a list answers when the caller gives no {@code limit}. */
    @WithDefault("50")
    int defaultPageSize();

    /** How often expired dismissals are reopened and time-bound health judgments (stale signatures) made again. */
    @WithDefault("1m")
    Duration sweepInterval();
}
