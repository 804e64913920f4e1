package io.vigil.alert.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.alert.api.Alert;
import io.vigil.alert.config.AlertConfig;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.model.AlertType;
import io.vigil.alert.persistence.AlertEntity;
import io.vigil.alert.persistence.AlertRepository;
import io.vigil.alert.persistence.EvidenceRepository;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads alerts and changes their status. */
@ApplicationScoped
public class AlertService {

    private final AlertRepository alerts;
    private final EvidenceRepository evidence;
    private final AlertConfig config;

    public AlertService(AlertRepository alerts, EvidenceRepository evidence, AlertConfig config) {
        this.alerts = alerts;
        this.evidence = evidence;
        this.config = config;
    }

    /** One page; {@code next} is null on the last page. */
    public record AlertPage(List<Alert> alerts, AlertCursor next) {}

    @WithSession
    public Uni<AlertPage> list(String subscriptionId, AlertFilter filter, AlertCursor after, int limit) {
        return alerts.list(subscriptionId, filter, after, limit + 1).map(found -> {
            boolean more = found.size() > limit;
            List<AlertEntity> shown = more ? found.subList(0, limit) : found;
            AlertCursor next = more ? AlertCursor.after(shown.get(shown.size() - 1)) : null;
            return new AlertPage(shown.stream().map(a -> Alert.of(a, null)).toList(), next);
        });
    }

    @WithSession
    public Uni<Alert> find(String subscriptionId, UUID id) {
        return existing(subscriptionId, id).chain(found -> evidenceOf(found).map(events -> Alert.of(found, events)));
    }

    /**
     * Moves an alert to another status. Reopening is refused while another alert about the same entity is open, since
     * later events already went to that one.
     */
    @WithTransaction
    public Uni<Alert> changeStatus(String subscriptionId, UUID id, AlertStatus target) {
        return existing(subscriptionId, id)
                .call(found -> reopens(found, target)
                        ? refuseWhenSuperseded(found)
                        : Uni.createFrom().voidItem())
                .invoke(found -> {
                    if (found.status != target) {
                        Log.infof("Alert %s changed from %s to %s", found.id, found.status, target);
                        found.status = target;
                        found.updatedAt = Instant.now();
                    }
                })
                .map(found -> Alert.of(found, null));
    }

    private static boolean reopens(AlertEntity alert, AlertStatus target) {
        return target.isOpen() && !alert.status.isOpen();
    }

    private Uni<Void> refuseWhenSuperseded(AlertEntity alert) {
        return alerts.anotherOpen(alert)
                .invoke(superseded -> {
                    if (superseded) {
                        throw new ApiException(
                                409,
                                "alert-superseded",
                                "Alert superseded",
                                "A newer alert about the same entity on this machine is open; work on that one");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<AlertEntity> existing(String subscriptionId, UUID id) {
        return alerts.findInSubscription(subscriptionId, id)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No alert " + id + " in subscription " + subscriptionId));
    }

    private Uni<List<Alert.Evidence>> evidenceOf(AlertEntity alert) {
        if (alert.alertType == AlertType.SshBruteForce) {
            return evidence.failedLogons(alert, config.evidencePerEnd());
        }
        return Uni.createFrom().item(List.of());
    }
}
