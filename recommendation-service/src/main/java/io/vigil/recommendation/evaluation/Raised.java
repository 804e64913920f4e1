package io.vigil.recommendation.evaluation;

import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.model.Severity;

/** A recommendation that should be active, with the evidence that caused it (one of the {@link Details} records). */
public record Raised(RecommendationType type, Severity severity, Object details) {}
