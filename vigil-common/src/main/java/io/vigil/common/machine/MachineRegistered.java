package io.vigil.common.machine;

import java.time.Instant;

/** Sent when a machine is registered or its facts change, so receivers know it before it reports anything. */
public record MachineRegistered(
        MachineRef machine,
        String vmId,
        String osType,
        String osName,
        String osVersion,
        String agentVersion,
        Instant registeredAt) {}
