package io.vigil.policy.model;

import io.vigil.common.policy.PricingTier;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.SecurityContact;
import io.vigil.common.policy.Switch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    /** A contact that sets neither of its values sets nothing, like one left out. */
    public PolicySettings {
        if (securityContact != null
                && securityContact.emails() == null
                && securityContact.notifyOnHighSeverityAlerts() == null) {
            securityContact = null;
        }
    }

    /** True when the scope sets no value at all, so everything is inherited. */
    public boolean setsNothing() {
        return EMPTY.equals(this);
    }

    /**
     * The first address listed twice, ignoring case: mail systems treat the domain, and in practice the whole address,
     * case-insensitively, so such a list would notify one person twice.
     */
    public Optional<String> repeatedEmail() {
        if (securityContact == null || securityContact.emails() == null) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>();
        return securityContact.emails().stream()
                .filter(email -> email != null && !seen.add(email.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
