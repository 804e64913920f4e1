package io.vigil.collector.idempotency;

/**
 * A request's claim on its {@code Idempotency-Key}: written with the request's own changes, in their transaction, so
 * the key counts exactly when they do. {@code fingerprint} tells a repeat of the request from another request that
 * reuses its key.
 */
public record IdempotencyClaim(String subscriptionId, String key, String fingerprint) {}
