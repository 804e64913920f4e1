package io.vigil.common.state;

import io.vigil.common.machine.MachineRef;
import java.time.Instant;

/**
 * A state report as the collector accepted it: whose it is, when it arrived by the server's clock, and the sections
 * it carried. The receiver merges the sections into the machine's latest state.
 */
public record StateSnapshot(MachineRef machine, String osType, Instant receivedAt, StateReport report) {}
