package io.vigil.recommendation.persistence;

import io.vigil.recommendation.model.RecommendationState;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.model.Severity;

/** The list filters; a null field does not filter. Names are in lower case, as the keys are stored. */
public record RecommendationFilter(
        String subscriptionId,
        RecommendationState state,
        Severity severity,
        RecommendationType type,
        String resourceGroupKey,
        String machineKey) {}
