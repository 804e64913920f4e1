package io.vigil.collector.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentStatusTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final int SILENCE_MINUTES = 15;

    @Test
    void machineNeverHeardFromHasNeverReported() {
        assertEquals(AgentStatus.NeverReported, AgentStatus.of(null, NOW, SILENCE_MINUTES));
    }

    @Test
    void machineSilentForExactlyTheThresholdIsStillReporting() {
        assertEquals(
                AgentStatus.Reporting, AgentStatus.of(NOW.minusSeconds(SILENCE_MINUTES * 60L), NOW, SILENCE_MINUTES));
    }

    @Test
    void machineSilentPastTheThresholdIsUnresponsive() {
        assertEquals(
                AgentStatus.Unresponsive,
                AgentStatus.of(NOW.minusSeconds(SILENCE_MINUTES * 60L + 1), NOW, SILENCE_MINUTES));
    }
}
