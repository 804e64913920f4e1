package io.vigil.recommendation.evaluation;

import io.vigil.recommendation.model.RecommendationType;
import java.util.List;
import java.util.Set;

/**
 * The outcome of evaluating one resource. Every type in {@code assessed} was looked at: those not in {@code raised}
 * should no longer be active. Types left out of {@code assessed} were not looked at and keep their state.
 */
public record Assessment(String resourceId, Set<RecommendationType> assessed, List<Raised> raised) {

    public Assessment {
        assessed = Set.copyOf(assessed);
        raised = List.copyOf(raised);
    }
}
