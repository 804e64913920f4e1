package io.vigil.recommendation.service;

import io.vigil.common.machine.AgentStatusChanged;
import io.vigil.common.machine.MachineDeleted;
import io.vigil.common.machine.MachineMoved;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.machine.MachineRegistered;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.state.StateSnapshot;

/**
 * A message read from a batch: exactly one of the payloads is set. {@code machine} is the machine whose policy the
 * message is evaluated with (for a move, where the machine now is); it is null for a policy change, which concerns a
 * scope rather than one machine.
 */
record Inbound(
        long id,
        MachineRef machine,
        MachineRegistered registered,
        StateSnapshot snapshot,
        AgentStatusChanged agentStatus,
        MachineMoved moved,
        MachineDeleted deleted,
        PolicyChanged policyChanged) {

    static Inbound registered(long id, MachineRegistered registered) {
        return new Inbound(id, registered.machine(), registered, null, null, null, null, null);
    }

    static Inbound reported(long id, StateSnapshot snapshot) {
        return new Inbound(id, snapshot.machine(), null, snapshot, null, null, null, null);
    }

    static Inbound agentStatus(long id, AgentStatusChanged change) {
        return new Inbound(id, change.machine(), null, null, change, null, null, null);
    }

    static Inbound moved(long id, MachineMoved moved) {
        return new Inbound(id, moved.to(), null, null, null, moved, null, null);
    }

    /** A deletion needs no policy: it evaluates nothing. */
    static Inbound deleted(long id, MachineDeleted deleted) {
        return new Inbound(id, null, null, null, null, null, deleted, null);
    }

    static Inbound policyChanged(long id, PolicyChanged change) {
        return new Inbound(id, null, null, null, null, null, null, change);
    }
}
