package io.vigil.collector.ingestion;

import java.time.Instant;

/** An ingestion key as listed: never its secret. {@code expiresAt} is null until the key is rotated. */
public record IngestionKey(String id, Instant createdAt, Instant expiresAt) {}
