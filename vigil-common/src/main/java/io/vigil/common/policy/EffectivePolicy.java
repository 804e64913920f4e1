package io.vigil.common.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * The policy that applies to a resource group: its own values over its subscription's, field by field, over the
 * defaults; {@code inheritedFrom} says where each value came from.
 */
public record EffectivePolicy(
        String subscriptionId,
        String resourceGroup,
        Switch dataCollection,
        PricingTier pricingTier,
        RecommendationSwitches recommendations,
        SecurityContact securityContact,
        int agentSilenceMinutes,
        Sources inheritedFrom) {

    public record Sources(
            ValueSource dataCollection,
            ValueSource pricingTier,
            RecommendationSources recommendations,
            ContactSources securityContact,
            ValueSource agentSilenceMinutes) {

        /** Sources where both values of the security contact come from one scope. */
        public Sources(
                ValueSource dataCollection,
                ValueSource pricingTier,
                RecommendationSources recommendations,
                ValueSource securityContact,
                ValueSource agentSilenceMinutes) {
            this(
                    dataCollection,
                    pricingTier,
                    recommendations,
                    new ContactSources(securityContact, securityContact),
                    agentSilenceMinutes);
        }
    }

    /** The security contact inherits value by value: a scope may set the addresses and leave the flag, or the reverse. */
    public record ContactSources(ValueSource emails, ValueSource notifyOnHighSeverityAlerts) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ContactSources(
                @JsonProperty("emails") ValueSource emails,
                @JsonProperty("notifyOnHighSeverityAlerts") ValueSource notifyOnHighSeverityAlerts) {
            this.emails = emails;
            this.notifyOnHighSeverityAlerts = notifyOnHighSeverityAlerts;
        }

        /**
         * One source for both values, as a single name ({@code "subscription"}): how a policy-service that inherited the
         * contact as a whole wrote it, read still so a rolling upgrade can update the services in any order.
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ContactSources both(String source) {
            ValueSource both = Arrays.stream(ValueSource.values())
                    .filter(candidate -> candidate.json().equals(source))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not a source of a policy value: " + source));
            return new ContactSources(both, both);
        }
    }

    public record RecommendationSources(
            ValueSource systemUpdates,
            ValueSource securityConfigurations,
            ValueSource endpointProtection,
            ValueSource diskEncryption,
            ValueSource vulnerabilityAssessment) {}

    /**
     * The scope whose setting decides data collection: the resource group when it sets the value itself, else the
     * subscription. This is where {@code EnableDataCollection} is raised.
     */
    public String dataCollectionScopeId() {
        String subscriptionScope = "/subscriptions/" + subscriptionId;
        return inheritedFrom.dataCollection() == ValueSource.RESOURCE_GROUP
                ? subscriptionScope + "/resourceGroups/" + resourceGroup
                : subscriptionScope;
    }
}
