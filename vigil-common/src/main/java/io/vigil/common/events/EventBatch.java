package io.vigil.common.events;

import io.vigil.common.machine.MachineRef;
import java.util.List;

/** Normalized events of one machine, delivered together. */
public record EventBatch(MachineRef machine, List<NormalizedEvent> events) {}
