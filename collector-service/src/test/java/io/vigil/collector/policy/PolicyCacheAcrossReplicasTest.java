package io.vigil.collector.policy;

import static io.vigil.testing.Callers.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vigil.collector.support.PolicyStub;
import io.vigil.collector.support.TestData;
import io.vigil.common.policy.EffectivePolicies;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.policy.PolicyVersions;
import io.vigil.common.policy.PricingTier;
import io.vigil.common.policy.RecommendationSwitches;
import io.vigil.common.policy.SecurityContact;
import io.vigil.common.policy.Switch;
import io.vigil.common.policy.ValueSource;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Policy-service hands a change notice to one replica of this service. Two instances of the shared policy cache over
 * this service's one database stand for two replicas: once either has received a notice, neither uses the policy it
 * kept from before.
 */
@QuarkusTest
class PolicyCacheAcrossReplicasTest {

    private static final String TABLE = "collector.policy_version";
    private static final String REPORTS = "/api/v1/subscriptions/{sub}/resourceGroups/{rg}/machines/{name}/reports";
    private static final String REPORT = TestData.resource("requests/report-missing-security-update.json");
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Instant CHANGED_AT = Instant.parse("2026-12-01T10:00:00Z");

    @Inject
    Pool pool;

    private final Answers answers = new Answers();
    private EffectivePolicies first;
    private EffectivePolicies second;

    @BeforeEach
    void twoReplicasOverOneDatabase() {
        Callers.everyRequestAnonymous();
        first = new EffectivePolicies(answers, new PolicyVersions(pool, TABLE), LONG, 100);
        second = new EffectivePolicies(answers, new PolicyVersions(pool, TABLE), LONG, 100);
    }

    @Test
    void aReplicaThatDidNotReceiveTheNoticeReadsThePolicyAgain() {
        String sub = TestData.newSubscription();
        answers.set(sub, "web", Switch.On);
        assertEquals(Switch.On, dataCollection(first, sub, "web"));
        assertEquals(Switch.On, dataCollection(second, sub, "web"));
        answers.set(sub, "web", Switch.Off);
        // Without a notice both keep what they read: the cache is in use.
        assertEquals(Switch.On, dataCollection(second, sub, "web"));
        assertEquals(2, answers.reads(sub, "web"));

        first.noticed(List.of(new PolicyChanged(sub, "WEB", 2, CHANGED_AT)))
                .await()
                .indefinitely();

        assertEquals(Switch.Off, dataCollection(second, sub, "web"));
        assertEquals(Switch.Off, dataCollection(first, sub, "Web"));
        assertEquals(4, answers.reads(sub, "web"));
        // Read again after the notice, the new policy is kept: no further reads.
        assertEquals(Switch.Off, dataCollection(second, sub, "web"));
        assertEquals(4, answers.reads(sub, "web"));
    }

    @Test
    void aNoticeOfTheSubscriptionsOwnPolicyOutdatesEveryResourceGroupOfItOnly() {
        String sub = TestData.newSubscription();
        String other = TestData.newSubscription();
        answers.set(sub, "web", Switch.On);
        answers.set(sub, "db", Switch.On);
        answers.set(other, "web", Switch.On);
        List.of("web", "db").forEach(group -> dataCollection(second, sub, group));
        dataCollection(second, other, "web");
        answers.set(sub, "web", Switch.Off);
        answers.set(sub, "db", Switch.Off);
        answers.set(other, "web", Switch.Off);

        first.noticed(List.of(new PolicyChanged(sub, null, 4, CHANGED_AT)))
                .await()
                .indefinitely();

        assertEquals(Switch.Off, dataCollection(second, sub, "web"));
        assertEquals(Switch.Off, dataCollection(second, sub, "db"));
        assertEquals(Switch.On, dataCollection(second, other, "web"));
        assertEquals(1, answers.reads(other, "web"));
    }

    @Test
    void everyNoticeCountsEvenOneCarryingAVersionSeenBefore() {
        String sub = TestData.newSubscription();
        PolicyChanged change = new PolicyChanged(sub, "web", 3, CHANGED_AT);
        answers.set(sub, "web", Switch.On);
        first.noticed(List.of(change)).await().indefinitely();
        assertEquals(Switch.On, dataCollection(second, sub, "web"));
        answers.set(sub, "web", Switch.Off);

        first.noticed(List.of(change, change)).await().indefinitely();

        assertEquals(Switch.Off, dataCollection(second, sub, "web"));
    }

    /** The service's own cache and notice receiver share the table too: a notice taken by another replica counts. */
    @Test
    void reportsAreRefusedOnceAnotherReplicaWasToldDataCollectionIsOff() {
        String sub = TestData.newSubscription();
        PolicyStub.dataCollection(sub, Switch.On);
        postReport(sub).statusCode(202);
        PolicyStub.dataCollection(sub, Switch.Off);
        postReport(sub).statusCode(202);

        first.noticed(List.of(new PolicyChanged(sub, null, 2, CHANGED_AT)))
                .await()
                .indefinitely();

        postReport(sub).statusCode(403).body("type", equalTo("/problems/data-collection-disabled"));
    }

    private static Switch dataCollection(EffectivePolicies replica, String sub, String group) {
        return replica.of(sub, group).await().indefinitely().dataCollection();
    }

    private static ValidatableResponse postReport(String sub) {
        return asAdmin(sub)
                .contentType(ContentType.JSON)
                .body(REPORT)
                .when()
                .post(REPORTS, sub, "web", "web-01")
                .then();
    }

    /** Stands in for policy-service: answers what the test set last, and counts what it was asked. */
    private static final class Answers implements EffectivePolicies.Source {

        private final Map<String, Switch> dataCollection = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

        void set(String sub, String group, Switch value) {
            dataCollection.put(key(sub, group), value);
        }

        int reads(String sub, String group) {
            return reads.getOrDefault(key(sub, group), new AtomicInteger()).get();
        }

        @Override
        public Uni<EffectivePolicy> effectivePolicy(String subscriptionId, String resourceGroup) {
            String key = key(subscriptionId, resourceGroup);
            reads.computeIfAbsent(key, ignored -> new AtomicInteger()).incrementAndGet();
            return Uni.createFrom().item(policy(subscriptionId, resourceGroup, dataCollection.get(key)));
        }

        private static String key(String sub, String group) {
            return sub + "/" + group.toLowerCase(Locale.ROOT);
        }

        private static EffectivePolicy policy(String sub, String group, Switch dataCollection) {
            EffectivePolicy.RecommendationSources defaults = new EffectivePolicy.RecommendationSources(
                    ValueSource.DEFAULT,
                    ValueSource.DEFAULT,
                    ValueSource.DEFAULT,
                    ValueSource.DEFAULT,
                    ValueSource.DEFAULT);
            return new EffectivePolicy(
                    sub,
                    group,
                    dataCollection,
                    PricingTier.Free,
                    RecommendationSwitches.ALL_ON,
                    SecurityContact.NONE,
                    15,
                    new EffectivePolicy.Sources(
                            ValueSource.SUBSCRIPTION,
                            ValueSource.DEFAULT,
                            defaults,
                            ValueSource.DEFAULT,
                            ValueSource.DEFAULT));
        }
    }
}
