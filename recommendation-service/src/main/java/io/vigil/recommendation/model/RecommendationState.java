package io.vigil.recommendation.model;

/** Where a recommendation stands: a dismissal is a person's decision and holds until it is undone or expires. */
public enum RecommendationState {
    Active,
    Resolved,
    Dismissed
}
