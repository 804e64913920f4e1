package io.vigil.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PricingTier;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.SecurityContact;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class EffectivePolicyResolverTest {

    private static final PolicySettings SUBSCRIPTION = new PolicySettings(
            Switch.On,
            PricingTier.Standard,
            new RecommendationSwitches(Switch.Off, null, null, Switch.On, null),
            new SecurityContact(List.of("secops@example.com"), true),
            30);

    @Test
    void neverConfiguredScopesGetTheDefaults() {
        EffectivePolicy effective =
                EffectivePolicyResolver.resolve("sub-1", "rg", PolicySettings.EMPTY, PolicySettings.EMPTY);

        assertEquals(Switch.Off, effective.dataCollection());
        assertEquals(PricingTier.Free, effective.pricingTier());
        assertEquals(RecommendationSwitches.ALL_ON, effective.recommendations());
        assertEquals(15, effective.agentSilenceMinutes());
        assertEquals(SecurityContact.NONE, effective.securityContact());
        assertEquals(
                new EffectivePolicy.ContactSources(ValueSource.DEFAULT, ValueSource.DEFAULT),
                effective.inheritedFrom().securityContact());
        assertEquals(ValueSource.DEFAULT, effective.inheritedFrom().dataCollection());
        assertEquals(
                ValueSource.DEFAULT, effective.inheritedFrom().recommendations().diskEncryption());
    }

    @Test
    void resourceGroupInheritsEveryFieldItLeavesEmpty() {
        EffectivePolicy effective = EffectivePolicyResolver.resolve("sub-1", "rg", SUBSCRIPTION, PolicySettings.EMPTY);

        assertEquals(Switch.On, effective.dataCollection());
        assertEquals(PricingTier.Standard, effective.pricingTier());
        assertEquals(Switch.Off, effective.recommendations().systemUpdates());
        assertEquals(Switch.On, effective.recommendations().securityConfigurations());
        assertEquals(30, effective.agentSilenceMinutes());
        assertEquals(ValueSource.SUBSCRIPTION, effective.inheritedFrom().dataCollection());
        assertEquals(
                ValueSource.SUBSCRIPTION,
                effective.inheritedFrom().recommendations().systemUpdates());
        assertEquals(
                ValueSource.DEFAULT, effective.inheritedFrom().recommendations().securityConfigurations());
        assertEquals(new SecurityContact(List.of("secops@example.com"), true), effective.securityContact());
        assertEquals(
                new EffectivePolicy.ContactSources(ValueSource.SUBSCRIPTION, ValueSource.SUBSCRIPTION),
                effective.inheritedFrom().securityContact());
        assertEquals("/subscriptions/sub-1", effective.dataCollectionScopeId());
    }

    @Test
    void resourceGroupValuesWinFieldByField() {
        PolicySettings group = new PolicySettings(
                Switch.Off, null, new RecommendationSwitches(null, null, null, Switch.Off, null), null, 5);

        EffectivePolicy effective = EffectivePolicyResolver.resolve("sub-1", "Web", SUBSCRIPTION, group);

        assertEquals(Switch.Off, effective.dataCollection());
        assertEquals(ValueSource.RESOURCE_GROUP, effective.inheritedFrom().dataCollection());
        assertEquals(PricingTier.Standard, effective.pricingTier());
        assertEquals(Switch.Off, effective.recommendations().diskEncryption());
        assertEquals(
                ValueSource.RESOURCE_GROUP,
                effective.inheritedFrom().recommendations().diskEncryption());
        assertEquals(Switch.Off, effective.recommendations().systemUpdates());
        assertEquals(5, effective.agentSilenceMinutes());
        assertEquals("/subscriptions/sub-1/resourceGroups/Web", effective.dataCollectionScopeId());
    }

    @Test
    void aGroupThatNamesOnlyItsAddressesKeepsTheSubscriptionsFlag() {
        PolicySettings group =
                new PolicySettings(null, null, null, new SecurityContact(List.of("web-team@example.com"), null), null);

        EffectivePolicy effective = EffectivePolicyResolver.resolve("sub-1", "Web", SUBSCRIPTION, group);

        assertEquals(new SecurityContact(List.of("web-team@example.com"), true), effective.securityContact());
        assertEquals(
                new EffectivePolicy.ContactSources(ValueSource.RESOURCE_GROUP, ValueSource.SUBSCRIPTION),
                effective.inheritedFrom().securityContact());
    }

    @Test
    void aGroupThatSetsOnlyTheFlagKeepsTheSubscriptionsAddresses() {
        PolicySettings group = new PolicySettings(null, null, null, new SecurityContact(null, false), null);

        EffectivePolicy effective = EffectivePolicyResolver.resolve("sub-1", "Web", SUBSCRIPTION, group);

        assertEquals(new SecurityContact(List.of("secops@example.com"), false), effective.securityContact());
        assertEquals(
                new EffectivePolicy.ContactSources(ValueSource.SUBSCRIPTION, ValueSource.RESOURCE_GROUP),
                effective.inheritedFrom().securityContact());
    }

    @Test
    void anEmptyListOfAddressesIsAValueOfItsOwn() {
        PolicySettings group = new PolicySettings(null, null, null, new SecurityContact(List.of(), null), null);

        EffectivePolicy effective = EffectivePolicyResolver.resolve("sub-1", "Web", SUBSCRIPTION, group);

        assertEquals(List.of(), effective.securityContact().emails());
        assertEquals(
                ValueSource.RESOURCE_GROUP,
                effective.inheritedFrom().securityContact().emails());
    }
}
