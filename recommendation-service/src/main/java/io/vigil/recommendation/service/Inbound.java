package io.vigil.recommendation.service;

import io.vigil.common.machine.MachineRef;
import io.vigil.common.machine.MachineRegistered;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.state.StateSnapshot;

/**
 * A message read from a batch: exactly one of {@code registered}, {@code snapshot} and {@code policyChanged} is set;
 * {@code machine} is null for a policy change, which concerns a scope rather than one machine.
 */
record Inbound(
        long id,
        MachineRef machine,
        MachineRegistered registered,
        StateSnapshot snapshot,
        PolicyChanged policyChanged) {

    static Inbound registered(long id, MachineRegistered registered) {
        return new Inbound(id, registered.machine(), registered, null, null);
    }

    static Inbound reported(long id, StateSnapshot snapshot) {
        return new Inbound(id, snapshot.machine(), null, snapshot, null);
    }

    static Inbound policyChanged(long id, PolicyChanged change) {
        return new Inbound(id, null, null, null, change);
    }
}
