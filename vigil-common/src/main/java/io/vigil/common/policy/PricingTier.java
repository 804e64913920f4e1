package io.vigil.common.policy;

/** Threat detection (alerts) runs only on {@code Standard}. */
public enum PricingTier {
    Free,
    Standard
}
