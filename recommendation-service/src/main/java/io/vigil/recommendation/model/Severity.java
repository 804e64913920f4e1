package io.vigil.recommendation.model;

/** How urgent a recommendation is. Declared from the most to the least severe. */
public enum Severity {
    High,
    Medium,
    Low;

    /** The more severe of the two; a null counts as nothing. */
    public Severity atLeast(Severity other) {
        return other == null || ordinal() <= other.ordinal() ? this : other;
    }
}
