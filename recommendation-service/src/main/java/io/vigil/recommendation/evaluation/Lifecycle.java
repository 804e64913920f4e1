package io.vigil.recommendation.evaluation;

import io.vigil.recommendation.model.RecommendationState;
import java.time.Instant;

/** How a recommendation's state follows the evaluations of its resource. */
public final class Lifecycle {

    private Lifecycle() {}

    /**
     * The state after an evaluation, or null when there is no recommendation and none is needed.
     *
     * <p>A dismissal is a person's decision, so it holds while the problem lasts and until it expires; once the
     * problem is gone the recommendation resolves like any other, and reopens as Active if the problem comes back.
     *
     * @param current the stored state, null when there is no recommendation yet
     * @param dismissExpiresAt when a dismissal ends, null for never
     */
    public static RecommendationState next(
            RecommendationState current, Instant dismissExpiresAt, boolean shouldBeActive, Instant now) {
        if (!shouldBeActive) {
            return current == null ? null : RecommendationState.Resolved;
        }
        if (current == RecommendationState.Dismissed && !isExpired(dismissExpiresAt, now)) {
            return RecommendationState.Dismissed;
        }
        return RecommendationState.Active;
    }

    public static boolean isExpired(Instant dismissExpiresAt, Instant now) {
        return dismissExpiresAt != null && !dismissExpiresAt.isAfter(now);
    }
}
