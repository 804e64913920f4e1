package io.vigil.recommendation.evaluation;

import java.time.Duration;
import java.time.Instant;

/**
 * What the evaluation needs to know about a machine besides its reported state: its operating system, when it was
 * registered, and its agent's status as the collector last announced it ({@code Reporting}, {@code Unresponsive},
 * {@code NeverReported}, or null before any announcement).
 */
public record MachineFacts(
        String resourceId, String osType, Instant registeredAt, String agentStatus, Instant lastHeartbeat) {

    public static final String UNRESPONSIVE = "Unresponsive";

    public boolean isWindows() {
        return "Windows".equalsIgnoreCase(osType);
    }

    public boolean isUnresponsive() {
        return UNRESPONSIVE.equals(agentStatus);
    }

    /** Neither a heartbeat nor a report has come for the machine, though it was registered. */
    public boolean neverHeardFrom(boolean hasReported) {
        return !hasReported && (agentStatus == null || agentStatus.equals("NeverReported"));
    }

    /**
     * When a machine never heard from has waited long enough for its agent: as long as an agent may be silent. A
     * registration is followed by the agent's first heartbeat within seconds, so earlier is no reason to recommend.
     */
    public Instant agentDueAt(int silenceMinutes) {
        return registeredAt == null ? null : registeredAt.plus(Duration.ofMinutes(silenceMinutes));
    }
}
