package io.vigil.common.messaging;

/** The kinds of message the services exchange, with the payload type each carries. */
public final class MessageKinds {

    /** {@link io.vigil.common.machine.MachineRegistered}: collector to recommendation. */
    public static final String MACHINE_REGISTERED = "MachineRegistered";

    /** {@link io.vigil.common.machine.MachineDeleted}: collector to recommendation and alert. */
    public static final String MACHINE_DELETED = "MachineDeleted";

    /** {@link io.vigil.common.machine.MachineMoved}: collector to recommendation and alert. */
    public static final String MACHINE_MOVED = "MachineMoved";

    /** {@link io.vigil.common.machine.AgentStatusChanged}: collector to recommendation. */
    public static final String AGENT_STATUS_CHANGED = "AgentStatusChanged";

    /** {@link io.vigil.common.state.StateSnapshot}: collector to recommendation. */
    public static final String STATE_REPORTED = "StateReported";

    /** {@link io.vigil.common.state.EndpointProtectionReported}: collector to alert. */
    public static final String ENDPOINT_PROTECTION_REPORTED = "EndpointProtectionReported";

    /** {@link io.vigil.common.events.EventBatch}: collector to alert. */
    public static final String EVENTS_NORMALIZED = "EventsNormalized";

    /** {@link io.vigil.common.policy.PolicyChanged}: policy to recommendation, collector and alert. */
    public static final String POLICY_CHANGED = "PolicyChanged";

    private MessageKinds() {}
}
