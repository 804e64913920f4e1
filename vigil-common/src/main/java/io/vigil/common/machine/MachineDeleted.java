package io.vigil.common.machine;

import java.time.Instant;

/** Sent when a machine is forgotten: receivers remove everything they hold under its resource id. */
public record MachineDeleted(MachineRef machine, Instant deletedAt) {}
