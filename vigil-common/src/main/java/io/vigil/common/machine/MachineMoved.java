package io.vigil.common.machine;

import java.time.Instant;

/**
 * Sent when a machine moves to another resource group: receivers carry what they hold over to its new resource id and
 * keep nothing under the old one.
 */
public record MachineMoved(MachineRef from, MachineRef to, Instant movedAt) {}
