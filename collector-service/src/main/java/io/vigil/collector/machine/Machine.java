package io.vigil.collector.machine;

import java.time.Instant;

/** A machine as the API shows it. */
public record Machine(
        String name,
        String resourceGroup,
        String resourceId,
        String vmId,
        OsType osType,
        String osName,
        String osVersion,
        String agentVersion,
        AgentStatus agentStatus,
        Instant registeredAt,
        Instant lastHeartbeat,
        Instant lastReport) {}
