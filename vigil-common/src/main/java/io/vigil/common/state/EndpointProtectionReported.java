package io.vigil.common.state;

import io.vigil.common.machine.MachineRef;
import java.time.Instant;

/**
 * A machine's endpoint protection as a state report gave it, for alert-service: real-time protection going from on to
 * off is a threat signal. {@code collectedAt} is when the machine saw it (the report's time, or its receipt).
 */
public record EndpointProtectionReported(
        MachineRef machine,
        Instant collectedAt,
        Instant receivedAt,
        StateReport.EndpointProtection endpointProtection) {}
