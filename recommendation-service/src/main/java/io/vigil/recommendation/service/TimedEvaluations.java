package io.vigil.recommendation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vigil.recommendation.persistence.MachineRepository;
import io.vigil.recommendation.persistence.MachineRepository.DueMachine;
import io.vigil.recommendation.persistence.RecommendationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What changes with time alone, with no report or policy change to set it off: dismissals that expire, and endpoint
 * protection signatures that turn stale. Safe with several replicas: the reopening is one conditional statement, and
 * the re-evaluation runs under a transaction-scoped advisory lock that one replica at a time holds.
 */
@ApplicationScoped
public class TimedEvaluations {

    private static final int MACHINES_PER_ROUND = 500;

    private final RecommendationRepository recommendations;
    private final MachineRepository machines;
    private final PolicyLookup policies;
    private final MessageProcessor processor;

    public TimedEvaluations(
            RecommendationRepository recommendations,
            MachineRepository machines,
            PolicyLookup policies,
            MessageProcessor processor) {
        this.recommendations = recommendations;
        this.machines = machines;
        this.policies = policies;
        this.processor = processor;
    }

    @Scheduled(
            every = "${vigil.recommendations.sweep-interval}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return reopenExpiredDismissals(now)
                .chain(() -> dueMachines(now))
                .chain(due -> due.isEmpty() ? Uni.createFrom().voidItem() : reevaluate(due, now))
                .onFailure()
                .invoke(failure -> Log.warn("Timed re-evaluation failed; it runs again on the next tick", failure))
                .onFailure()
                .recoverWithNull();
    }

    @WithTransaction
    Uni<Void> reopenExpiredDismissals(Instant now) {
        return recommendations
                .reactivateExpiredDismissals(now)
                .invoke(reopened -> {
                    if (reopened > 0) {
                        Log.infof("%d dismissed recommendations reopened: their dismissal expired", reopened);
                    }
                })
                .replaceWithVoid();
    }

    @WithSession
    Uni<List<DueMachine>> dueMachines(Instant now) {
        return machines.listDueForReevaluation(now, MACHINES_PER_ROUND);
    }

    private Uni<Void> reevaluate(List<DueMachine> due, Instant now) {
        List<GroupRef> groups = due.stream()
                .map(machine -> new GroupRef(machine.subscriptionId(), machine.resourceGroup()))
                .toList();
        List<String> keys = due.stream().map(DueMachine::machineKey).toList();
        return policies.forGroups(groups).chain(found -> processor.reevaluateMachines(keys, found, now));
    }
}
