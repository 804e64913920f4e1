package io.vigil.recommendation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.common.machine.MachineRef;
import io.vigil.recommendation.evaluation.MachineFacts;
import io.vigil.recommendation.health.HealthState;
import io.vigil.recommendation.health.MachineHealth;
import io.vigil.recommendation.state.MachineState;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

/** A machine this service has heard of, and its latest merged security state. */
@Entity
@Table(name = "machine")
public class MachineEntity extends PanacheEntityBase {

    /** {@link MachineRef#key()}: the resource id in lower case. */
    @Id
    @Column(name = "machine_key")
    public String machineKey;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "resource_group")
    public String resourceGroup;

    /** The group's name in lower case, for filters; the database derives it, so it is read only here. */
    @Column(name = "resource_group_key", insertable = false, updatable = false)
    public String resourceGroupKey;

    public String name;

    @Column(name = "vm_id")
    public String vmId;

    @Column(name = "os_type")
    public String osType;

    @Column(name = "os_name")
    public String osName;

    @Column(name = "os_version")
    public String osVersion;

    @Column(name = "agent_version")
    public String agentVersion;

    @Column(name = "registered_at")
    public Instant registeredAt;

    /** As the collector last announced it: Reporting, Unresponsive or NeverReported; null before any announcement. */
    @Column(name = "agent_status")
    public String agentStatus;

    @Column(name = "last_heartbeat")
    public Instant lastHeartbeat;

    @Convert(converter = JsonbText.State.class)
    @ColumnTransformer(read = "state::text", write = "cast(cast(? as text) as jsonb)")
    @Mutability(Immutability.class)
    public MachineState state;

    /** The six controls as last judged; null until the machine is first evaluated. */
    @JdbcTypeCode(SqlTypes.JSON)
    public MachineHealth health;

    /** Why each unhealthy control is unhealthy, by the control's name; null until the machine is first evaluated. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "health_reasons")
    public Map<String, List<String>> healthReasons;

    /** {@link MachineHealth#overall()}, kept apart so lists filter and count on it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "health_state")
    public HealthState healthState;

    @Column(name = "reevaluate_at")
    public Instant reevaluateAt;

    /**
     * The lower-case resource id of the scope (subscription or resource group) whose Off setting this machine's data
     * collection follows, as last evaluated; null while data collection is On for it.
     */
    @Column(name = "data_collection_off_by")
    public String dataCollectionOffBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static MachineEntity of(MachineRef ref) {
        MachineEntity machine = new MachineEntity();
        machine.machineKey = ref.key();
        machine.subscriptionId = ref.subscriptionId();
        machine.resourceGroup = ref.resourceGroup();
        machine.name = ref.name();
        machine.state = MachineState.EMPTY;
        machine.healthState = HealthState.NotApplicable;
        return machine;
    }

    /** The same machine under another resource id, with everything this service knows of it. */
    public MachineEntity movedTo(MachineRef ref) {
        MachineEntity moved = of(ref);
        moved.vmId = vmId;
        moved.osType = osType;
        moved.osName = osName;
        moved.osVersion = osVersion;
        moved.agentVersion = agentVersion;
        moved.registeredAt = registeredAt;
        moved.agentStatus = agentStatus;
        moved.lastHeartbeat = lastHeartbeat;
        moved.state = state;
        moved.health = health;
        moved.healthReasons = healthReasons;
        moved.healthState = healthState;
        moved.reevaluateAt = reevaluateAt;
        return moved;
    }

    public MachineFacts facts() {
        return new MachineFacts(ref().resourceId(), osType, registeredAt, agentStatus, lastHeartbeat);
    }

    public MachineRef ref() {
        return new MachineRef(subscriptionId, resourceGroup, name);
    }
}
