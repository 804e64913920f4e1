package io.vigil.policy.model;

import io.vigil.common.policy.PricingTier;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.SecurityContact;
import io.vigil.common.policy.Switch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The values one scope sets. For a resource group every null field inherits from the subscription; for a subscription
 * a null field takes the default.
 */
public record PolicySettings(
        Switch dataCollection,
        PricingTier pricingTier,
        RecommendationSwitches recommendations,
        @Valid SecurityContact securityContact,
        @Min(1) @Max(1440) Integer agentSilenceMinutes) {

    public static final PolicySettings EMPTY = new PolicySettings(null, null, null, null, null);
}
