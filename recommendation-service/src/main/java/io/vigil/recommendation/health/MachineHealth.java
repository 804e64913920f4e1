package io.vigil.recommendation.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/** A machine's health on each of the six controls. */
public record MachineHealth(
        HealthState systemUpdates,
        HealthState securityConfigurations,
        HealthState endpointProtection,
        HealthState diskEncryption,
        HealthState vmAgent,
        HealthState vulnerabilityAssessment) {

    static MachineHealth of(Map<SecurityControl, HealthState> controls) {
        return new MachineHealth(
                controls.get(SecurityControl.SYSTEM_UPDATES),
                controls.get(SecurityControl.SECURITY_CONFIGURATIONS),
                controls.get(SecurityControl.ENDPOINT_PROTECTION),
                controls.get(SecurityControl.DISK_ENCRYPTION),
                controls.get(SecurityControl.VM_AGENT),
                controls.get(SecurityControl.VULNERABILITY_ASSESSMENT));
    }

    public HealthState of(SecurityControl control) {
        return switch (control) {
            case SYSTEM_UPDATES -> systemUpdates;
            case SECURITY_CONFIGURATIONS -> securityConfigurations;
            case ENDPOINT_PROTECTION -> endpointProtection;
            case DISK_ENCRYPTION -> diskEncryption;
            case VM_AGENT -> vmAgent;
            case VULNERABILITY_ASSESSMENT -> vulnerabilityAssessment;
        };
    }

    /** Unhealthy when any control is; healthy when at least one is and none is unhealthy. */
    @JsonIgnore
    public HealthState overall() {
        boolean healthy = false;
        for (SecurityControl control : SecurityControl.values()) {
            HealthState state = of(control);
            if (state == HealthState.Unhealthy) {
                return HealthState.Unhealthy;
            }
            healthy |= state == HealthState.Healthy;
        }
        return healthy ? HealthState.Healthy : HealthState.NotApplicable;
    }
}
