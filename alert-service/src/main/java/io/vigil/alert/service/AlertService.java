package io.vigil.alert.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.alert.api.Alert;
import io.vigil.alert.config.AlertConfig;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.persistence.AlertEntity;
import io.vigil.alert.persistence.AlertHistoryEntity;
import io.vigil.alert.persistence.AlertRepository;
import io.vigil.alert.persistence.EvidenceRepository;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads alerts and moves them through their lifecycle, recording who did what and when. */
@ApplicationScoped
public class AlertService {

    /**
     * Where an alert may go from each status. A closed alert (resolved or dismissed) can only be activated again;
     * asking for the status an alert already has changes nothing.
     */
    private static final Map<AlertStatus, Set<AlertStatus>> TRANSITIONS = Map.of(
            AlertStatus.Active, EnumSet.of(AlertStatus.InProgress, AlertStatus.Resolved, AlertStatus.Dismissed),
            AlertStatus.InProgress, EnumSet.of(AlertStatus.Active, AlertStatus.Resolved, AlertStatus.Dismissed),
            AlertStatus.Resolved, EnumSet.of(AlertStatus.Active),
            AlertStatus.Dismissed, EnumSet.of(AlertStatus.Active));

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
            return new AlertPage(shown.stream().map(Alert::of).toList(), next);
        });
    }

    /** One alert with its evidence and its history. */
    @WithSession
    public Uni<Alert> find(String subscriptionId, UUID id) {
        return existing(subscriptionId, id)
                .chain(found -> evidence.of(found.id, config.evidencePerEnd())
                        .chain(events -> history(found.id).map(changes -> Alert.of(found, events, changes))));
    }

    /**
     * Moves an alert to another status and records who did it. A transition the lifecycle does not allow is a 409;
     * reopening is refused while another alert about the same entity is open, since later events already went to
     * that one. The alert is locked first, so a change judged here starts from the status it really has.
     */
    @WithTransaction
    public Uni<Alert> changeStatus(String subscriptionId, UUID id, AlertStatus target, String by) {
        return locked(subscriptionId, id)
                .call(found -> {
                    if (found.status == target) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!TRANSITIONS.get(found.status).contains(target)) {
                        throw new ApiException(
                                409,
                                "illegal-transition",
                                "Illegal status change",
                                "An alert that is " + found.status + " cannot become " + target
                                        + "; a resolved or dismissed alert can only be activated");
                    }
                    Uni<Void> allowed = reopens(found, target)
                            ? refuseWhenSuperseded(found)
                            : Uni.createFrom().voidItem();
                    return allowed.chain(() -> record(found, target, by));
                })
                .map(Alert::of);
    }

    private Uni<Void> record(AlertEntity alert, AlertStatus target, String by) {
        Instant now = Instant.now();
        AlertHistoryEntity change = new AlertHistoryEntity();
        change.alertId = alert.id;
        change.changedAt = now;
        change.changedBy = by;
        change.change = AlertHistoryEntity.STATUS;
        change.fromValue = alert.status.name();
        change.toValue = target.name();
        Log.infof("Alert %s changed from %s to %s by %s", alert.id, alert.status, target, by);
        alert.status = target;
        alert.updatedAt = now;
        return change.persist().replaceWithVoid();
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
        return found(alerts.findInSubscription(subscriptionId, id), subscriptionId, id);
    }

    private Uni<AlertEntity> locked(String subscriptionId, UUID id) {
        return found(alerts.lockInSubscription(subscriptionId, id), subscriptionId, id);
    }

    private static Uni<AlertEntity> found(Uni<AlertEntity> lookup, String subscriptionId, UUID id) {
        return lookup.onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No alert " + id + " in subscription " + subscriptionId));
    }

    private static Uni<List<Alert.Change>> history(UUID alertId) {
        return AlertHistoryEntity.<AlertHistoryEntity>find("alertId = ?1 order by id", alertId)
                .list()
                .map(entries -> entries.stream().map(Alert.Change::of).toList());
    }
}
