package io.vigil.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationTypeTest {

    @Test
    void everyTypeRaisedOnMachinesOfBothSystemsSaysHowToFixItOnLinuxAndOnWindows() {
        // Data collection is a scope's policy, not a machine's; endpoint protection is recommended to Windows only.
        EnumSet<RecommendationType> onBoth = EnumSet.complementOf(
                EnumSet.of(RecommendationType.EnableDataCollection, RecommendationType.InstallEndpointProtection));
        for (RecommendationType type : onBoth) {
            assertTrue(mentions(type.remediationSteps(), "Linux"), type + " has no step for Linux");
            assertTrue(mentions(type.remediationSteps(), "Windows"), type + " has no step for Windows");
        }
        assertTrue(mentions(RecommendationType.InstallEndpointProtection.remediationSteps(), "Windows"));
    }

    private static boolean mentions(List<String> steps, String system) {
        return steps.stream().anyMatch(step -> step.startsWith(system + ":") || step.startsWith(system + " ("));
    }
}
