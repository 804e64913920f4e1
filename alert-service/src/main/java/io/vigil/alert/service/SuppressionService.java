package io.vigil.alert.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.alert.api.SuppressionRule;
import io.vigil.alert.model.EntityMatch;
import io.vigil.alert.persistence.SuppressionRuleRepository;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Suppression rules of a subscription. They act when an alert is raised (see the detections); removing or changing a
 * rule changes no alert already raised.
 */
@ApplicationScoped
public class SuppressionService {

    /** How far back a simulation looks. */
    public static final Duration SIMULATED = Duration.ofDays(30);

    private final SuppressionRuleRepository rules;

    public SuppressionService(SuppressionRuleRepository rules) {
        this.rules = rules;
    }

    /** One page; {@code next} is the name to continue after, null on the last page. */
    public record RulePage(List<SuppressionRule> rules, String next) {}

    public Uni<RulePage> list(String subscriptionId, String after, int limit) {
        return rules.list(subscriptionId, after, limit + 1).map(found -> {
            boolean more = found.size() > limit;
            List<SuppressionRule> shown = more ? found.subList(0, limit) : found;
            return new RulePage(shown, more ? shown.get(shown.size() - 1).name() : null);
        });
    }

    public Uni<SuppressionRule> find(String subscriptionId, String name) {
        return rules.find(subscriptionId, name).onItem().ifNull().failWith(() -> notFound(subscriptionId, name));
    }

    public Uni<SuppressionRuleRepository.Saved> save(
            String subscriptionId, String name, SuppressionRule.Body body, String by) {
        return rules.save(subscriptionId, body, name, by, now())
                .invoke(saved -> Log.infof(
                        "Suppression rule %s of subscription %s %s by %s: %s until %s",
                        name,
                        subscriptionId,
                        saved.created() ? "created" : "replaced",
                        by,
                        body.alertType(),
                        body.expiresAt()));
    }

    public Uni<Void> delete(String subscriptionId, String name, String by) {
        return rules.delete(subscriptionId, name)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw notFound(subscriptionId, name);
                    }
                    Log.infof("Suppression rule %s of subscription %s removed by %s", name, subscriptionId, by);
                })
                .replaceWithVoid();
    }

    /** How many of the last 30 days' alerts of the rule's type (by start) the rule would have dismissed. */
    public Uni<SuppressionRule.Simulation> simulate(String subscriptionId, String name, SuppressionRule.Body body) {
        Instant to = now();
        Instant from = to.minus(SIMULATED);

        return rules.alerts(subscriptionId, body.alertType(), from, to).map(alerts -> {
            List<SuppressionRuleRepository.RecentAlert> hit = alerts.stream()
                    .filter(alert -> EntityMatch.all(body.entities(), alert.machineName(), alert.entities()))
                    .toList();
            long open = hit.stream().filter(alert -> alert.status().isOpen()).count();
            return new SuppressionRule.Simulation(name, body.alertType(), from, to, hit.size(), open);
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiException notFound(String subscriptionId, String name) {
        return ApiException.notFound("No suppression rule " + name + " in subscription " + subscriptionId);
    }
}
