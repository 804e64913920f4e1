package io.vigil.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RecommendationIdsTest {

    private static final String MACHINE = "/subscriptions/sub-1/resourceGroups/Web-RG/machines/Web01";

    @Test
    void givesEverySpellingOfAResourceTheSameId() {
        assertEquals(
                RecommendationIds.of(MACHINE, RecommendationType.ApplySystemUpdates),
                RecommendationIds.of(MACHINE.toLowerCase(), RecommendationType.ApplySystemUpdates));
    }

    @Test
    void givesEachTypeItsOwnId() {
        assertNotEquals(
                RecommendationIds.of(MACHINE, RecommendationType.ApplySystemUpdates),
                RecommendationIds.of(MACHINE, RecommendationType.ApplyDiskEncryption));
    }

    @Test
    void splitsAResourceIdIntoItsScopes() {
        ResourcePath path = ResourcePath.parse(MACHINE);

        assertEquals(new ResourcePath("sub-1", "Web-RG", "Web01"), path);
        assertEquals("web-rg", path.resourceGroupKey());
        assertEquals(new ResourcePath("sub-1", null, null), ResourcePath.parse("/subscriptions/sub-1"));
    }
}
