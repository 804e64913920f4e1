package io.vigil.recommendation.evaluation;

import static io.vigil.recommendation.TestData.MONDAY;
import static io.vigil.recommendation.TestData.TUESDAY;
import static io.vigil.recommendation.TestData.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vigil.recommendation.model.RecommendationState;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void raisesANewProblemAsActive() {
        assertEquals(RecommendationState.Active, Lifecycle.next(null, null, true, TUESDAY));
    }

    @Test
    void createsNothingWhenThereIsNoProblem() {
        assertNull(Lifecycle.next(null, null, false, TUESDAY));
    }

    @Test
    void resolvesAnActiveOneWhoseProblemIsGone() {
        assertEquals(RecommendationState.Resolved, Lifecycle.next(RecommendationState.Active, null, false, TUESDAY));
    }

    @Test
    void reopensAResolvedOneWhenTheProblemReturns() {
        assertEquals(RecommendationState.Active, Lifecycle.next(RecommendationState.Resolved, null, true, TUESDAY));
    }

    @Test
    void keepsADismissalWhileItHasNotExpired() {
        assertEquals(
                RecommendationState.Dismissed, Lifecycle.next(RecommendationState.Dismissed, WEDNESDAY, true, TUESDAY));
        assertEquals(RecommendationState.Dismissed, Lifecycle.next(RecommendationState.Dismissed, null, true, TUESDAY));
    }

    @Test
    void reactivatesAnExpiredDismissal() {
        assertEquals(RecommendationState.Active, Lifecycle.next(RecommendationState.Dismissed, MONDAY, true, TUESDAY));
    }

    @Test
    void resolvesADismissedOneWhoseProblemIsGone() {
        assertEquals(
                RecommendationState.Resolved, Lifecycle.next(RecommendationState.Dismissed, WEDNESDAY, false, TUESDAY));
    }
}
