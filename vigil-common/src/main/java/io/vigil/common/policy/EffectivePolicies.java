package io.vigil.common.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vigil.common.policy.PolicyVersions.Generations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Effective policies as the other services read them: from policy-service, kept for a while ({@code
 * vigil.policy-cache.ttl}) so a busy service does not ask on every report or event.
 *
 * <p>A service runs as several replicas, and policy-service's notice of a change reaches one of them. So a kept
 * policy is not trusted on its own: each read first asks the service's database what notices any replica has
 * recorded for the scope ({@link PolicyVersions}), one indexed query per read however many resource groups it
 * covers, and a policy kept from before the latest of them is read again from policy-service. No replica then uses a
 * policy older than a notice that any replica has received.
 *
 * <p>Limit: the check is made when a read begins. Work that read its policy a moment before another replica recorded
 * a notice finishes with the policy it read.
 */
@ApplicationScoped
public class EffectivePolicies {

    private final Source source;
    private final PolicyVersions versions;
    private final Cache<String, Kept> kept;

    @Inject
    public EffectivePolicies(@RestClient EffectivePolicyClient client, Pool pool, PolicyCacheSettings settings) {
        this(
                client::effectivePolicy,
                new PolicyVersions(pool, settings.table()),
                settings.ttl(),
                settings.maximumSize());
    }

    /** @param source where a policy is read when none is kept or the kept one is outdated */
    public EffectivePolicies(Source source, PolicyVersions versions, Duration ttl, long maximumSize) {
        this.source = source;
        this.versions = versions;
        this.kept = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .build();
    }

    /** Where effective policies are read: policy-service's internal endpoint. */
    @FunctionalInterface
    public interface Source {
        Uni<EffectivePolicy> effectivePolicy(String subscriptionId, String resourceGroup);
    }

    public Uni<EffectivePolicy> of(String subscriptionId, String resourceGroup) {
        PolicyScope scope = new PolicyScope(subscriptionId, resourceGroup);
        return of(List.of(scope)).map(found -> found.get(scope.key()));
    }

    /** The effective policies of several resource groups, by {@link PolicyScope#key()}; one database read for all. */
    public Uni<Map<String, EffectivePolicy>> of(Collection<PolicyScope> scopes) {
        Map<String, PolicyScope> distinct = new LinkedHashMap<>();
        scopes.forEach(scope -> distinct.putIfAbsent(scope.key(), scope));
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return versions.generationsOf(distinct.values()).chain(noticed -> {
            List<Uni<Map.Entry<String, EffectivePolicy>>> reads = new ArrayList<>();
            for (PolicyScope scope : distinct.values()) {
                Generations seen = noticed.getOrDefault(scope.key(), Generations.NONE);
                reads.add(read(scope, seen).map(policy -> Map.entry(scope.key(), policy)));
            }
            return Uni.join().all(reads).andFailFast().map(found -> {
                Map<String, EffectivePolicy> byScope = new LinkedHashMap<>();
                found.forEach(entry -> byScope.put(entry.getKey(), entry.getValue()));
                return byScope;
            });
        });
    }

    /**
     * Records the notices, in the database every replica reads, before it answers: from then on no replica uses a
     * policy it kept from before them. A notice that arrives twice only costs one more read from policy-service.
     */
    public Uni<Void> noticed(Collection<PolicyChanged> changes) {
        return versions.record(changes);
    }

    /**
     * The kept policy when it was read after every notice counted in {@code noticed}; otherwise a fresh one, which is
     * kept with {@code noticed}, the generations seen before it was asked for.
     */
    private Uni<EffectivePolicy> read(PolicyScope scope, Generations noticed) {
        Kept found = kept.getIfPresent(scope.key());
        if (found != null && found.seen().covers(noticed)) {
            return Uni.createFrom().item(found.policy());
        }
        return source.effectivePolicy(scope.subscriptionId(), scope.resourceGroup())
                .invoke(policy -> kept.asMap().merge(scope.key(), new Kept(policy, noticed), Kept::newer));
    }

    /** A policy and the generations of notices seen before it was read. */
    private record Kept(EffectivePolicy policy, Generations seen) {

        /** Of two reads finishing out of order, the one that saw more notices stays. */
        static Kept newer(Kept stored, Kept arriving) {
            return stored.seen().covers(arriving.seen()) && !arriving.seen().covers(stored.seen()) ? stored : arriving;
        }
    }
}
