package io.vigil.collector.machine;

import java.time.Duration;
import java.time.Instant;

/** Whether a machine's agent is heard from. Decided at read time, by the server's clock, never stored. */
public enum AgentStatus {
    Reporting,
    Unresponsive,
    NeverReported;

    /** Silent for longer than the policy's threshold means unresponsive; exactly the threshold is still reporting. */
    public static AgentStatus of(Instant lastHeartbeat, Instant now, int silenceMinutes) {
        if (lastHeartbeat == null) {
            return NeverReported;
        }
        Duration silence = Duration.between(lastHeartbeat, now);
        return silence.compareTo(Duration.ofMinutes(silenceMinutes)) > 0 ? Unresponsive : Reporting;
    }
}
