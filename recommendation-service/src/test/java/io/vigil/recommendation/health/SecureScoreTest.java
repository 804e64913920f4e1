package io.vigil.recommendation.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecureScoreTest {

    @Test
    void scoresEachControlByItsShareOfHealthyMachinesAndSumsOverWhatApplies() {
        SecureScore score = SecureScore.of(Map.of(
                SecurityControl.SYSTEM_UPDATES, new SecureScore.Counts(3, 1, 2),
                SecurityControl.DISK_ENCRYPTION, new SecureScore.Counts(0, 2, 0),
                SecurityControl.ENDPOINT_PROTECTION, new SecureScore.Counts(0, 0, 6)));

        // Updates 6 x 3/4 = 4.5; encryption 4 x 0/2 = 0; endpoint protection applies to no machine.
        assertEquals(4.5, score.current());
        assertEquals(10, score.max());
        assertEquals(45.0, score.percentage());
        SecureScore.ControlScore updates = score.controls().get(0);
        assertEquals("systemUpdates", updates.control());
        assertEquals(4.5, updates.currentScore());
        assertEquals(6, updates.maxScore());
        assertEquals(2, updates.notApplicable());
    }

    @Test
    void aSubscriptionWhereNothingAppliesScoresZeroOfZero() {
        SecureScore score = SecureScore.of(Map.of());

        assertEquals(0, score.max());
        assertEquals(0.0, score.percentage());
        assertEquals(SecurityControl.values().length, score.controls().size());
    }

    @Test
    void everyMachineHealthyOnEveryControlScoresTheFullMaximum() {
        Map<SecurityControl, SecureScore.Counts> healthy = new EnumMap<>(SecurityControl.class);
        for (SecurityControl control : SecurityControl.values()) {
            healthy.put(control, new SecureScore.Counts(5, 0, 0));
        }

        SecureScore score = SecureScore.of(healthy);

        assertEquals(23, score.max());
        assertEquals(23.0, score.current());
        assertEquals(100.0, score.percentage());
    }

    @Test
    void roundsThirdsToTwoDecimals() {
        SecureScore score = SecureScore.of(Map.of(SecurityControl.VM_AGENT, new SecureScore.Counts(1, 2, 0)));

        assertEquals(0.33, score.current());
        assertEquals(33.33, score.percentage());
    }
}
