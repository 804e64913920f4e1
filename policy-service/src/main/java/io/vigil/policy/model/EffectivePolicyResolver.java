package io.vigil.policy.model;

import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PricingTier;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.SecurityContact;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import java.util.function.Function;

/**
 * Merges a resource group's values over its subscription's over the defaults, field by field. The security contact's
 * two values, its addresses and its flag, count as two fields: a group that names only its own addresses keeps the
 * subscription's choice to notify, and the reverse.
 */
public final class EffectivePolicyResolver {

    public static final Switch DEFAULT_DATA_COLLECTION = Switch.Off;
    public static final PricingTier DEFAULT_PRICING_TIER = PricingTier.Free;
    public static final int DEFAULT_AGENT_SILENCE_MINUTES = 15;

    private EffectivePolicyResolver() {}

    /** The subscription's own values with the defaults filled in where it sets none. */
    public static PolicySettings subscriptionWithDefaults(PolicySettings subscription) {
        EffectivePolicy effective = resolve("-", null, subscription, PolicySettings.EMPTY);
        return new PolicySettings(
                effective.dataCollection(),
                effective.pricingTier(),
                effective.recommendations(),
                effective.securityContact(),
                effective.agentSilenceMinutes());
    }

    public static EffectivePolicy resolve(
            String subscriptionId, String resourceGroup, PolicySettings subscription, PolicySettings group) {
        var dataCollection = pick(group, subscription, PolicySettings::dataCollection, DEFAULT_DATA_COLLECTION);
        var pricingTier = pick(group, subscription, PolicySettings::pricingTier, DEFAULT_PRICING_TIER);
        var emails = pickContact(group, subscription, SecurityContact::emails, SecurityContact.NONE.emails());
        var notify = pickContact(
                group,
                subscription,
                SecurityContact::notifyOnHighSeverityAlerts,
                SecurityContact.NONE.notifyOnHighSeverityAlerts());
        var silence = pick(group, subscription, PolicySettings::agentSilenceMinutes, DEFAULT_AGENT_SILENCE_MINUTES);
        var updates = pickSwitch(group, subscription, RecommendationSwitches::systemUpdates);
        var configurations = pickSwitch(group, subscription, RecommendationSwitches::securityConfigurations);
        var endpoint = pickSwitch(group, subscription, RecommendationSwitches::endpointProtection);
        var disk = pickSwitch(group, subscription, RecommendationSwitches::diskEncryption);
        var assessment = pickSwitch(group, subscription, RecommendationSwitches::vulnerabilityAssessment);

        return new EffectivePolicy(
                subscriptionId,
                resourceGroup,
                dataCollection.value(),
                pricingTier.value(),
                new RecommendationSwitches(
                        updates.value(), configurations.value(), endpoint.value(), disk.value(), assessment.value()),
                new SecurityContact(emails.value(), notify.value()),
                silence.value(),
                new EffectivePolicy.Sources(
                        dataCollection.source(),
                        pricingTier.source(),
                        new EffectivePolicy.RecommendationSources(
                                updates.source(),
                                configurations.source(),
                                endpoint.source(),
                                disk.source(),
                                assessment.source()),
                        new EffectivePolicy.ContactSources(emails.source(), notify.source()),
                        silence.source()));
    }

    private static <T> Picked<T> pickContact(
            PolicySettings group, PolicySettings subscription, Function<SecurityContact, T> field, T fallback) {
        return pick(
                group,
                subscription,
                s -> s.securityContact() == null ? null : field.apply(s.securityContact()),
                fallback);
    }

    private static Picked<Switch> pickSwitch(
            PolicySettings group, PolicySettings subscription, Function<RecommendationSwitches, Switch> field) {
        return pick(
                group,
                subscription,
                s -> s.recommendations() == null ? null : field.apply(s.recommendations()),
                Switch.On);
    }

    private static <T> Picked<T> pick(
            PolicySettings group, PolicySettings subscription, Function<PolicySettings, T> field, T fallback) {
        T own = field.apply(group);
        if (own != null) {
            return new Picked<>(own, ValueSource.RESOURCE_GROUP);
        }
        T inherited = field.apply(subscription);
        if (inherited != null) {
            return new Picked<>(inherited, ValueSource.SUBSCRIPTION);
        }
        return new Picked<>(fallback, ValueSource.DEFAULT);
    }

    private record Picked<T>(T value, ValueSource source) {}
}
