package io.vigil.policy.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.policy.model.PolicyChange;
import io.vigil.policy.model.PolicySettings;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One change of one scope's policy, kept for the history. */
@Entity
@Table(name = "policy_change")
public class PolicyChangeEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "resource_group")
    public String resourceGroup;

    public int version;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_values")
    public PolicySettings before;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_values")
    public PolicySettings after;

    public PolicyChange toChange() {
        return new PolicyChange(id, resourceGroup, version, changedAt, changedBy, before, after);
    }
}
