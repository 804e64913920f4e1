package io.vigil.collector.ingestion;

import java.time.Instant;

/** A key just made: the only answer that holds the key itself. */
public record CreatedIngestionKey(String id, String key, Instant createdAt) {}
