package io.vigil.recommendation.state;

import java.time.Instant;

/** One report section as last stored, with the time it was collected on the machine. */
public record Section<T>(Instant collectedAt, T value) {

    /** Reports can arrive out of order: a section collected before the stored one must not overwrite it. */
    boolean isOlderThan(Section<?> stored) {
        return stored != null && collectedAt.isBefore(stored.collectedAt());
    }
}
