package io.vigil.common.policy;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Effective policies as the other services read them: from policy-service, kept briefly
 * ({@code quarkus.cache.caffeine."effective-policy".expire-after-write}) and dropped as soon as a change is announced,
 * so an edit takes effect within seconds without asking policy-service on every report.
 */
@ApplicationScoped
public class EffectivePolicies {

    private static final String SEPARATOR = "|";

    private final EffectivePolicyClient client;
    private final Cache cache;

    public EffectivePolicies(@RestClient EffectivePolicyClient client, @CacheName("effective-policy") Cache cache) {
        this.client = client;
        this.cache = cache;
    }

    public Uni<EffectivePolicy> of(String subscriptionId, String resourceGroup) {
        String key = subscriptionId + SEPARATOR + resourceGroup.toLowerCase(Locale.ROOT);
        return cache.getAsync(key, ignored -> client.effectivePolicy(subscriptionId, resourceGroup));
    }

    /** Drops what a change touches: one resource group, or with a null group the whole subscription. */
    public Uni<Void> forget(PolicyChanged change) {
        String prefix = change.subscriptionId() + SEPARATOR;
        String exact = change.resourceGroup() == null
                ? null
                : prefix + change.resourceGroup().toLowerCase(Locale.ROOT);
        return cache.invalidateIf(key -> exact == null ? ((String) key).startsWith(prefix) : exact.equals(key));
    }
}
