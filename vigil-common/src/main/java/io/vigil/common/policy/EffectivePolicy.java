package io.vigil.common.policy;

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
            ValueSource securityContact,
            ValueSource agentSilenceMinutes) {}

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
