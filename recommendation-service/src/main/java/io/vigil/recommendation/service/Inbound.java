package io.vigil.recommendation.service;

import io.vigil.common.machine.MachineRef;
import io.vigil.common.machine.MachineRegistered;
import io.vigil.common.state.StateSnapshot;

/** A message read from a batch: exactly one of {@code registered} and {@code snapshot} is set. */
record Inbound(long id, MachineRef machine, MachineRegistered registered, StateSnapshot snapshot) {

    static Inbound registered(long id, MachineRegistered registered) {
        return new Inbound(id, registered.machine(), registered, null);
    }

    static Inbound reported(long id, StateSnapshot snapshot) {
        return new Inbound(id, snapshot.machine(), null, snapshot);
    }
}
