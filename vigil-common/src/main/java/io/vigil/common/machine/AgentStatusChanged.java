package io.vigil.common.machine;

import java.time.Instant;

/**
 * Sent once for each change of a machine's agent status, as the collector judges it by its own clock: {@code status}
 * is {@code Reporting}, {@code Unresponsive} or {@code NeverReported}.
 */
public record AgentStatusChanged(MachineRef machine, String status, Instant lastHeartbeat, Instant changedAt) {}
