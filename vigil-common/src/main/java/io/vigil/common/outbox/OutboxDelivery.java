package io.vigil.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vigil.common.security.ServiceCredentialHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the outbox relay on a timer in every replica; the relay's row locks keep replicas from delivering the same
 * destination at once.
 */
@ApplicationScoped
@IfBuildProperty(name = "vigil.outbox.enabled", stringValue = "true")
public class OutboxDelivery {

    private final OutboxRelay relay;
    private final OutboxSettings settings;
    /** Each destination needs its row before the first delivery; made once per process, on the first tick. */
    private final AtomicBoolean destinationsRegistered = new AtomicBoolean();

    private final AtomicLong backlogMessages = new AtomicLong();
    private final AtomicLong backlogAgeMillis = new AtomicLong();

    public OutboxDelivery(
            Pool pool,
            Vertx vertx,
            ObjectMapper json,
            OutboxSettings settings,
            MeterRegistry registry,
            ServiceCredentialHeaders credentials) {
        this.settings = settings;
        this.relay = new OutboxRelay(
                pool,
                WebClient.create(vertx),
                json,
                settings.source(),
                settings.table(),
                settings.destinations(),
                settings.batchSize(),
                settings.requestTimeout(),
                credentials.credential());
        Gauge.builder("vigil.outbox.backlog", backlogMessages, AtomicLong::get)
                .description("Messages waiting in this service's outbox")
                .register(registry);
        Gauge.builder("vigil.outbox.oldest.age.seconds", backlogAgeMillis, age -> age.get() / 1000.0)
                .description("Age of the oldest message waiting in this service's outbox")
                .register(registry);
    }

    @Scheduled(
            every = "${vigil.outbox.interval}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliver() {
        Uni<Void> ready = destinationsRegistered.get()
                ? Uni.createFrom().voidItem()
                : relay.registerDestinations().invoke(() -> {
                    destinationsRegistered.set(true);
                    Log.infof("Outbox %s delivers to %s", settings.table(), new TreeMap<>(settings.destinations()));
                });
        return ready.chain(relay::drain)
                .invoke(count -> {
                    if (count > 0) {
                        Log.debugf("Outbox delivered %d messages", count);
                    }
                })
                .onFailure()
                .invoke(failure -> Log.warn("Outbox delivery round failed; it runs again on the next tick", failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Every {@code vigil.outbox.metrics-interval} (15 s by default): one count over the outbox table. */
    @Scheduled(every = "${vigil.outbox.metrics-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measureBacklog() {
        return relay.backlog()
                .invoke(backlog -> {
                    backlogMessages.set(backlog.messages());
                    backlogAgeMillis.set(Math.round(backlog.oldestAgeSeconds() * 1000));
                })
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
