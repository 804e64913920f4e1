package io.vigil.recommendation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.recommendation.model.RecommendationState;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.model.Severity;
import io.vigil.recommendation.persistence.RecommendationEntity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A recommendation as the API shows it. {@code dismissal} appears only while it is dismissed. */
public record RecommendationView(
        UUID id,
        RecommendationType type,
        String displayName,
        Severity severity,
        RecommendationState state,
        String resourceId,
        Instant firstSeen,
        Instant stateChangedAt,
        JsonNode details,
        List<String> remediationSteps,
        @JsonInclude(JsonInclude.Include.NON_NULL) Dismissal dismissal) {

    public record Dismissal(String reason, Instant expiresAt) {}

    public static RecommendationView of(RecommendationEntity entity) {
        Dismissal dismissal = entity.state == RecommendationState.Dismissed
                ? new Dismissal(entity.dismissReason, entity.dismissExpiresAt)
                : null;
        return new RecommendationView(
                entity.id,
                entity.type,
                entity.type.displayName(),
                entity.severity,
                entity.state,
                entity.resourceId,
                entity.firstSeen,
                entity.stateChangedAt,
                entity.details,
                entity.type.remediationSteps(),
                dismissal);
    }
}
