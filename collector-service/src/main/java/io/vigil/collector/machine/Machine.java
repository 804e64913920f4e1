package io.vigil.collector.machine;

import java.time.Instant;
import java.util.List;

/**
 * A machine as the API shows it. {@code vmIdSharedWith} names the other machines of the subscription that report the
 * same {@code vmId}, as cloned images do: they stay separate machines, and each shows the clash.
 */
public record Machine(
        String name,
        String resourceGroup,
        String resourceId,
        String vmId,
        List<String> vmIdSharedWith,
        OsType osType,
        String osName,
        String osVersion,
        String agentVersion,
        AgentStatus agentStatus,
        Instant registeredAt,
        Instant lastHeartbeat,
        Instant lastReport) {}
