package io.vigil.recommendation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.problem.ApiException;
import io.vigil.recommendation.model.RecommendationState;
import io.vigil.recommendation.persistence.RecommendationEntity;
import io.vigil.recommendation.persistence.RecommendationFilter;
import io.vigil.recommendation.persistence.RecommendationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Reads recommendations and records people's decisions about them. */
@ApplicationScoped
public class RecommendationService {

    private final RecommendationRepository recommendations;

    public RecommendationService(RecommendationRepository recommendations) {
        this.recommendations = recommendations;
    }

    @WithSession
    public Uni<List<RecommendationEntity>> page(RecommendationFilter filter, UUID after, int size) {
        return recommendations.page(filter, after, size);
    }

    @WithSession
    public Uni<RecommendationEntity> find(String subscriptionId, UUID id) {
        return existing(subscriptionId, id);
    }

    /** Only a live problem can be dismissed: a resolved one has nothing left to accept. */
    @WithTransaction
    public Uni<RecommendationEntity> dismiss(String subscriptionId, UUID id, String reason, Instant expiresAt) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return existing(subscriptionId, id).invoke(entity -> {
            if (entity.state == RecommendationState.Resolved) {
                throw conflict("A resolved recommendation cannot be dismissed");
            }
            entity.changeState(RecommendationState.Dismissed, now);
            entity.dismissReason = reason;
            entity.dismissExpiresAt = expiresAt;
            entity.updatedAt = now;
            Log.infof("Recommendation %s on %s dismissed until %s", entity.type, entity.resourceId, expiresAt);
        });
    }

    @WithTransaction
    public Uni<RecommendationEntity> activate(String subscriptionId, UUID id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return existing(subscriptionId, id).invoke(entity -> {
            if (entity.state == RecommendationState.Resolved) {
                throw conflict("A resolved recommendation cannot be activated; it reopens when the problem returns");
            }
            entity.changeState(RecommendationState.Active, now);
        });
    }

    private Uni<RecommendationEntity> existing(String subscriptionId, UUID id) {
        return recommendations
                .findInSubscription(subscriptionId, id)
                .onItem()
                .ifNull()
                .failWith(
                        () -> ApiException.notFound("No recommendation " + id + " in subscription " + subscriptionId));
    }

    private static ApiException conflict(String detail) {
        return new ApiException(409, "invalid-state", "Invalid state", detail);
    }
}
