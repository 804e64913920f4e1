package io.vigil.collector.ingestion;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A key just made: the only answer that holds the key itself, left out when a repeated request is answered again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreatedIngestionKey(String id, String key, Instant createdAt) {}
