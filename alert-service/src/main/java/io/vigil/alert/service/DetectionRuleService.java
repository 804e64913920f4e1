package io.vigil.alert.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vigil.alert.api.SubscriptionRuleView;
import io.vigil.alert.config.DeployedRules;
import io.vigil.alert.detection.Catalogue;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.model.RuleOverride;
import io.vigil.alert.persistence.RuleOverrideRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A subscription's view of the catalogue, and its overrides of enabled, threshold and window. */
@ApplicationScoped
public class DetectionRuleService {

    private final Pool pool;
    private final RuleOverrideRepository overrides;
    private final DeployedRules deployed;

    public DetectionRuleService(Pool pool, RuleOverrideRepository overrides, DeployedRules deployed) {
        this.pool = pool;
        this.overrides = overrides;
        this.deployed = deployed;
    }

    public Uni<List<SubscriptionRuleView>> list(String subscriptionId) {
        return overrides
                .find(pool, subscriptionId)
                .map(found -> Catalogue.RULES.stream()
                        .map(rule -> SubscriptionRuleView.of(rule, deployed.settings(rule), found.get(rule.ruleId())))
                        .toList());
    }

    public Uni<SubscriptionRuleView> find(String subscriptionId, DetectionRule rule) {
        return overrides
                .find(pool, subscriptionId)
                .map(found -> SubscriptionRuleView.of(rule, deployed.settings(rule), found.get(rule.ruleId())));
    }

    /**
     * Replaces the subscription's values for the rule; the next delivery of events is judged by them. A value left
     * null keeps the deployment's.
     */
    public Uni<SubscriptionRuleView> override(String subscriptionId, DetectionRule rule, RuleOverride values) {
        RuleOverride saved =
                new RuleOverride(values.enabled(), values.threshold(), values.window(), values.updatedBy(), now());

        return overrides
                .save(pool, subscriptionId, rule.ruleId(), saved)
                .invoke(() -> Log.infof(
                        "Rule %s of subscription %s set to enabled=%s threshold=%s window=%s by %s",
                        rule.ruleId(),
                        subscriptionId,
                        saved.enabled(),
                        saved.threshold(),
                        saved.window(),
                        saved.updatedBy()))
                .map(done -> SubscriptionRuleView.of(rule, deployed.settings(rule), saved));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
