package io.vigil.collector.machine;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What an agent says about its machine when it registers. */
public record MachineRegistration(
        @Size(max = 100) String vmId,
        @NotNull OsType osType,
        @Size(max = 200) String osName,
        @Size(max = 100) String osVersion,
        @Size(max = 100) String agentVersion) {}
