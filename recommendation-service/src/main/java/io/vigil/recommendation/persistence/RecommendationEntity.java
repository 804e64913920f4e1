package io.vigil.recommendation.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.recommendation.model.RecommendationState;
import io.vigil.recommendation.model.RecommendationType;
import io.vigil.recommendation.model.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;

/** One recommendation on one resource: a machine, or the subscription or resource group that decides a policy. */
@Entity
@Table(name = "recommendation")
public class RecommendationEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "resource_key")
    public String resourceKey;

    /** Lower case, for the resourceGroup filter; null for a subscription-wide recommendation. */
    @Column(name = "resource_group_key")
    public String resourceGroupKey;

    /** Lower case machine name, for the machine filter; null for a recommendation on a scope. */
    @Column(name = "machine_key")
    public String machineKey;

    @Enumerated(EnumType.STRING)
    public RecommendationType type;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    public RecommendationState state;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "state_changed_at")
    public Instant stateChangedAt;

    @Convert(converter = JsonbText.Details.class)
    @ColumnTransformer(read = "details::text", write = "cast(cast(? as text) as jsonb)")
    @Mutability(Immutability.class)
    public JsonNode details;

    @Column(name = "dismiss_reason")
    public String dismissReason;

    @Column(name = "dismiss_expires_at")
    public Instant dismissExpiresAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Moves to {@code next}; the time of change moves only when the state really changes. */
    public void changeState(RecommendationState next, Instant now) {
        if (next == state) {
            return;
        }
        state = next;
        stateChangedAt = now;
        updatedAt = now;
        if (next != RecommendationState.Dismissed) {
            dismissReason = null;
            dismissExpiresAt = null;
        }
    }
}
