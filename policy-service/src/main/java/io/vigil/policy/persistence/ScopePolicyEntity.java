package io.vigil.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.common.policy.PricingTier;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.SecurityContact;
import io.vigil.common.policy.Switch;
import io.vigil.policy.model.PolicySettings;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The stored policy of one scope: a subscription ({@code resourceGroupKey} empty) or one of its resource groups. */
@Entity
@Table(name = "scope_policy")
public class ScopePolicyEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "resource_group")
    public String resourceGroup;

    /** The resource group name in lower case, or empty for the subscription: names compare case-insensitively. */
    @Column(name = "resource_group_key")
    public String resourceGroupKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_collection")
    public Switch dataCollection;

    @Enumerated(EnumType.STRING)
    @Column(name = "pricing_tier")
    public PricingTier pricingTier;

    @Enumerated(EnumType.STRING)
    @Column(name = "system_updates")
    public Switch systemUpdates;

    @Enumerated(EnumType.STRING)
    @Column(name = "security_configurations")
    public Switch securityConfigurations;

    @Enumerated(EnumType.STRING)
    @Column(name = "endpoint_protection")
    public Switch endpointProtection;

    @Enumerated(EnumType.STRING)
    @Column(name = "disk_encryption")
    public Switch diskEncryption;

    @Enumerated(EnumType.STRING)
    @Column(name = "vulnerability_assessment")
    public Switch vulnerabilityAssessment;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "security_contact")
    public SecurityContact securityContact;

    @Column(name = "agent_silence_minutes")
    public Integer agentSilenceMinutes;

    @Version
    public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    public static String keyOf(String resourceGroup) {
        return resourceGroup == null ? "" : resourceGroup.toLowerCase(java.util.Locale.ROOT);
    }

    public PolicySettings settings() {
        RecommendationSwitches switches = systemUpdates == null
                        && securityConfigurations == null
                        && endpointProtection == null
                        && diskEncryption == null
                        && vulnerabilityAssessment == null
                ? null
                : new RecommendationSwitches(
                        systemUpdates,
                        securityConfigurations,
                        endpointProtection,
                        diskEncryption,
                        vulnerabilityAssessment);
        return new PolicySettings(dataCollection, pricingTier, switches, securityContact, agentSilenceMinutes);
    }

    public void apply(PolicySettings settings) {
        dataCollection = settings.dataCollection();
        pricingTier = settings.pricingTier();
        RecommendationSwitches switches = settings.recommendations();
        systemUpdates = switches == null ? null : switches.systemUpdates();
        securityConfigurations = switches == null ? null : switches.securityConfigurations();
        endpointProtection = switches == null ? null : switches.endpointProtection();
        diskEncryption = switches == null ? null : switches.diskEncryption();
        vulnerabilityAssessment = switches == null ? null : switches.vulnerabilityAssessment();
        securityContact = settings.securityContact();
        agentSilenceMinutes = settings.agentSilenceMinutes();
    }
}
