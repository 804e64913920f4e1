package io.vigil.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vigil.common.security.ServiceCredentialHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the outbox relay on a timer in every replica; the relay's row locks keep replicas from delivering the same
 * destination at once.
 *
 * <p>On shutdown no new batch is started, and the batch under way is given the request timeout and a little more to
 * finish. If it cannot, its transaction ends with the process and rolls back: its messages stay in the outbox for
 * the next delivery, by another replica or after the restart, and receivers drop any they already took.
 */
@ApplicationScoped
@IfBuildProperty(name = "vigil.outbox.enabled", stringValue = "true")
public class OutboxDelivery {

    private final OutboxRelay relay;
    private final OutboxSettings settings;
    /** Each destination needs its row before the first delivery; made once per process, on the first tick. */
    private final AtomicBoolean destinationsRegistered = new AtomicBoolean();
    /** Set on shutdown: no new round or batch starts after it. */
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Completes when the round under way, if any, has finished. */
    private volatile CompletableFuture<Void> round = CompletableFuture.completedFuture(null);

    private final AtomicLong backlogMessages = new AtomicLong();
    private final AtomicLong backlogAgeMillis = new AtomicLong();

    public OutboxDelivery(
            Pool pool,
            Vertx vertx,
            ObjectMapper json,
            OutboxSettings settings,
            MeterRegistry registry,
            ServiceCredentialHeaders credentials,
            OpenTelemetry telemetry) {
        this.settings = settings;
        this.relay = new OutboxRelay(
                pool,
                // The relay writes each delivery's trace context itself; Vert.x must not add the one it has at hand.
                WebClient.create(vertx, new WebClientOptions().setTracingPolicy(TracingPolicy.IGNORE)),
                json,
                settings.source(),
                settings.table(),
                settings.destinations(),
                settings.batchSize(),
                settings.requestTimeout(),
                credentials.credential(),
                telemetry);
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
        CompletableFuture<Void> finished = new CompletableFuture<>();
        round = finished;
        if (stopping.get()) {
            finished.complete(null);
            return Uni.createFrom().voidItem();
        }
        Uni<Void> ready = destinationsRegistered.get()
                ? Uni.createFrom().voidItem()
                : relay.registerDestinations().invoke(() -> {
                    destinationsRegistered.set(true);
                    Log.infof("Outbox %s delivers to %s", settings.table(), new TreeMap<>(settings.destinations()));
                });
        return ready.chain(() -> relay.drain(stopping::get))
                .invoke(count -> {
                    if (count > 0) {
                        Log.debugf("Outbox delivered %d messages", count);
                    }
                })
                .onFailure()
                .invoke(failure -> Log.warn("Outbox delivery round failed; it runs again on the next tick", failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid()
                .onTermination()
                .invoke(() -> finished.complete(null));
    }

    /**
     * Runs after the HTTP server has let its requests finish and before the database pool closes: lets the batch
     * under way finish, within the request timeout and five seconds more.
     */
    void finishDelivery(@Observes ShutdownEvent event) {
        stopping.set(true);
        Duration bound = settings.requestTimeout().plusSeconds(5);
        if (!round.isDone()) {
            Log.infof("Stopping: the outbox delivery under way may take %s to finish", bound);
        }
        try {
            round.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Log.warnf(
                    "Outbox delivery still under way after %s; its messages stay in %s for the next delivery",
                    bound, settings.table());
        } catch (ExecutionException e) {
            Log.debug("Outbox delivery round ended with a failure at shutdown", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
