package io.vigil.recommendation.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/** A recommendation's identity comes from what it is about, so every replica and every re-evaluation agrees on it. */
public final class RecommendationIds {

    private RecommendationIds() {}

    public static UUID of(String resourceId, RecommendationType type) {
        String name = keyOf(resourceId) + "|" + type.name();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Resource names compare case-insensitively: every spelling of a resource id has the same key. */
    public static String keyOf(String resourceId) {
        return resourceId.toLowerCase(Locale.ROOT);
    }
}
