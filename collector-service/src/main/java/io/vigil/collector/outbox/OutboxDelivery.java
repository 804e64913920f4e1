package io.vigil.collector.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vigil.common.outbox.OutboxRelay;
import io.vigil.common.security.ServiceCredentialHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the outbox relay on a timer in every replica; the relay's row locks keep replicas from delivering the same
 * destination at once.
 */
@ApplicationScoped
public class OutboxDelivery {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final OutboxRelay relay;
    private final AtomicLong backlogMessages = new AtomicLong();
    private final AtomicLong backlogAgeMillis = new AtomicLong();

    public OutboxDelivery(
            Pool pool,
            Vertx vertx,
            ObjectMapper json,
            OutboxSettings settings,
            MeterRegistry registry,
            ServiceCredentialHeaders credentials) {
        this.relay = new OutboxRelay(
                pool,
                WebClient.create(vertx),
                json,
                "collector",
                "collector.outbox",
                settings.destinations(),
                settings.batchSize(),
                settings.requestTimeout(),
                credentials.credential());
        Gauge.builder("vigil.outbox.backlog", backlogMessages, AtomicLong::get)
                .description("Messages waiting in the collector's outbox")
                .register(registry);
        Gauge.builder("vigil.outbox.oldest.age.seconds", backlogAgeMillis, age -> age.get() / 1000.0)
                .description("Age of the oldest message waiting in the collector's outbox")
                .register(registry);
    }

    /** Runs on the main thread before requests are served, so waiting here blocks no event loop. */
    void registerDestinations(@Observes StartupEvent started) {
        relay.registerDestinations().await().atMost(STARTUP_TIMEOUT);
    }

    @Scheduled(
            every = "${vigil.outbox.interval}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliver() {
        return relay.drain()
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

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
