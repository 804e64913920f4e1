package io.vigil.collector.machine;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.machine.MachineRegistered;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A machine the collector knows, with the names as first written and their lower-case keys. Only changed columns are
 * written, so a registration never puts back a heartbeat time that a concurrent heartbeat has just moved on.
 */
@Entity
@DynamicUpdate
@Table(name = "machine")
public class MachineEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "resource_group")
    public String resourceGroup;

    @Column(name = "resource_group_key")
    public String resourceGroupKey;

    public String name;

    @Column(name = "name_key")
    public String nameKey;

    @Column(name = "vm_id")
    public String vmId;

    @Enumerated(EnumType.STRING)
    @Column(name = "os_type")
    public OsType osType;

    @Column(name = "os_name")
    public String osName;

    @Column(name = "os_version")
    public String osVersion;

    @Column(name = "agent_version")
    public String agentVersion;

    @Column(name = "registered_at")
    public Instant registeredAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "last_heartbeat")
    public Instant lastHeartbeat;

    @Column(name = "last_report")
    public Instant lastReport;

    public static String keyOf(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static MachineEntity newMachine(MachineRef ref, Instant now) {
        MachineEntity machine = new MachineEntity();
        machine.subscriptionId = ref.subscriptionId();
        machine.resourceGroup = ref.resourceGroup();
        machine.resourceGroupKey = keyOf(ref.resourceGroup());
        machine.name = ref.name();
        machine.nameKey = keyOf(ref.name());
        machine.registeredAt = now;
        machine.updatedAt = now;
        return machine;
    }

    public MachineRef ref() {
        return new MachineRef(subscriptionId, resourceGroup, name);
    }

    /** Takes the registration's facts; answers whether any of them changed. */
    boolean apply(MachineRegistration registration) {
        boolean changed = !Objects.equals(vmId, registration.vmId())
                || osType != registration.osType()
                || !Objects.equals(osName, registration.osName())
                || !Objects.equals(osVersion, registration.osVersion())
                || !Objects.equals(agentVersion, registration.agentVersion());
        vmId = registration.vmId();
        osType = registration.osType();
        osName = registration.osName();
        osVersion = registration.osVersion();
        agentVersion = registration.agentVersion();
        return changed;
    }

    MachineRegistered registered(Instant at) {
        return new MachineRegistered(
                ref(), vmId, osType == null ? null : osType.name(), osName, osVersion, agentVersion, at);
    }

    /** Moves the machine to another resource group; its name and everything it holds stay. */
    void moveTo(String group, Instant now) {
        resourceGroup = group;
        resourceGroupKey = keyOf(group);
        updatedAt = now;
    }

    Machine toMachine(AgentStatus status, List<String> vmIdSharedWith) {
        return new Machine(
                name,
                resourceGroup,
                ref().resourceId(),
                vmId,
                vmIdSharedWith,
                osType,
                osName,
                osVersion,
                agentVersion,
                status,
                registeredAt,
                lastHeartbeat,
                lastReport);
    }
}
