package io.vigil.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.common.security.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Delivers what a service wrote to its outbox table, oldest first, to each receiver's {@code POST /internal/messages}.
 *
 * <p>A destination is delivered by one replica at a time: its row in the destination table is locked with {@code FOR
 * UPDATE SKIP LOCKED} for the length of a delivery, so replicas never deliver the same messages in parallel and the
 * order of a destination's messages holds. Messages leave the table only after the receiver answered 2xx; a receiver
 * that is down is retried with a growing pause. Receivers drop message ids they have seen, so a delivery repeated
 * after a crash does no harm.
 *
 * <p>Each delivery request is a span of its own (a client span named {@code outbox deliver <destination>}) and carries
 * its W3C trace context in {@code traceparent}, so the receiver's handling of the batch joins that trace.
 *
 * <p>The tables (see each service's migrations): {@code <table>(id bigserial, destination, kind, message_key, payload
 * text (JSON), created_at)} and {@code <table>_destination(destination, next_attempt_at, failures, last_error)}.
 */
public class OutboxRelay {

    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    /** Receivers accept bodies of 32 MB; a batch stays well under that. */
    private static final long MAX_BODY_CHARS = 8L * 1024 * 1024;

    private final Pool pool;
    private final WebClient http;
    private final ObjectMapper json;
    private final String source;
    private final String table;
    private final Map<String, String> destinations;
    private final int batchSize;
    private final Duration requestTimeout;
    private final String credential;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /** A relay whose deliveries are not traced. */
    public OutboxRelay(
            Pool pool,
            WebClient http,
            ObjectMapper json,
            String source,
            String table,
            Map<String, String> destinations,
            int batchSize,
            Duration requestTimeout,
            String credential) {
        this(
                pool,
                http,
                json,
                source,
                table,
                destinations,
                batchSize,
                requestTimeout,
                credential,
                OpenTelemetry.noop());
    }

    /**
     * @param source the sending service's name, as receivers record it
     * @param table the schema-qualified outbox table
     * @param destinations destination name to the receiver's base URL
     * @param credential the sending service's credential for the receivers' internal endpoints, or null
     * @param telemetry where the delivery spans go and how their context is written into the requests
     */
    public OutboxRelay(
            Pool pool,
            WebClient http,
            ObjectMapper json,
            String source,
            String table,
            Map<String, String> destinations,
            int batchSize,
            Duration requestTimeout,
            String credential,
            OpenTelemetry telemetry) {
        this.pool = pool;
        this.http = http;
        this.json = json;
        this.source = source;
        this.table = table;
        this.destinations = Map.copyOf(destinations);
        this.batchSize = batchSize;
        this.requestTimeout = requestTimeout;
        this.credential = credential;
        this.tracer = telemetry.getTracer("io.vigil.outbox");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    /** Makes sure every configured destination has its row; run once at start. */
    public Uni<Void> registerDestinations() {
        List<Tuple> rows = destinations.keySet().stream().map(Tuple::of).toList();
        return pool.preparedQuery(
                        "insert into " + table + "_destination (destination) values ($1) on conflict do nothing")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** Delivers one batch to every destination that is due; answers how many messages were delivered. */
    public Uni<Integer> deliverDue() {
        return deliverDue(() -> false);
    }

    /** Keeps delivering batches until the outbox is drained or every destination is failing. */
    public Uni<Integer> drain() {
        return drain(() -> false);
    }

    /**
     * Keeps delivering batches until the outbox is drained, every destination is failing, or {@code stop} answers
     * true; a batch under way when it does is finished, no new one is started.
     */
    public Uni<Integer> drain(BooleanSupplier stop) {
        return deliverDue(stop)
                .flatMap(count -> count > 0 && !stop.getAsBoolean()
                        ? drain(stop).map(more -> count + more)
                        : Uni.createFrom().item(count));
    }

    private Uni<Integer> deliverDue(BooleanSupplier stop) {
        Uni<Integer> total = Uni.createFrom().item(0);
        for (String destination : destinations.keySet()) {
            total = total.flatMap(sum -> stop.getAsBoolean()
                    ? Uni.createFrom().item(sum)
                    : deliverBatch(destination).map(count -> sum + count));
        }
        return total;
    }

    /** How many messages wait and how old the oldest is, in seconds; for the metrics. */
    public Uni<Backlog> backlog() {
        return pool.query("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from " + table)
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Backlog(row.getLong(0), row.getDouble(1));
                });
    }

    public record Backlog(long messages, double oldestAgeSeconds) {}

    private Uni<Integer> deliverBatch(String destination) {
        return pool.withTransaction(connection -> lockDestination(connection, destination)
                .flatMap(failures -> failures == null
                        ? Uni.createFrom().item(0)
                        : nextBatch(connection, destination, batchAfter(batchSize, failures))
                                .flatMap(batch -> batch.isEmpty()
                                        ? Uni.createFrom().item(0)
                                        : send(connection, destination, failures, batch))));
    }

    private Uni<Integer> lockDestination(SqlConnection connection, String destination) {
        return connection
                .preparedQuery("select failures from " + table + "_destination"
                        + " where destination = $1 and next_attempt_at <= now() for update skip locked")
                .execute(Tuple.of(destination))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger(0));
    }

    /**
     * The oldest messages, at most {@code size} and as many as fit one request body: the sizes are read first and only
     * the payloads that go are loaded, so a backlog of large messages never has to fit in memory at once.
     */
    private Uni<List<Row>> nextBatch(SqlConnection connection, String destination, int size) {
        return connection
                .preparedQuery("select id, octet_length(payload) from " + table
                        + " where destination = $1 order by id limit $2")
                .execute(Tuple.of(destination, size))
                .flatMap(sizes -> {
                    List<Long> lengths = new ArrayList<>();
                    List<Long> ids = new ArrayList<>();
                    for (Row row : sizes) {
                        ids.add(row.getLong(0));
                        lengths.add(row.getLong(1));
                    }
                    int fitting = withinBodyLimit(lengths);
                    if (fitting == 0) {
                        return Uni.createFrom().item(List.<Row>of());
                    }
                    return connection
                            .preparedQuery("select id, kind, message_key, payload from " + table
                                    + " where id = any($1) order by id")
                            .execute(Tuple.of(ids.subList(0, fitting).toArray(Long[]::new)))
                            .map(OutboxRelay::toList);
                });
    }

    /**
     * After each failed attempt the next batch is half as large, down to one message: a receiver too slow to take a
     * whole batch within the request timeout would otherwise be sent the same batch, and time out, forever. A
     * delivery that succeeds resets the failures, and with them the full batch size.
     */
    static int batchAfter(int batchSize, int failures) {
        return Math.max(1, batchSize >> Math.min(failures, 30));
    }

    private Uni<Integer> send(SqlConnection connection, String destination, int failures, List<Row> batch) {
        String body;
        try {
            body = batchBody(batch);
        } catch (JsonProcessingException e) {
            return recordFailure(connection, destination, failures, "message could not be encoded");
        }
        Long[] ids = batch.stream().map(row -> row.getLong(0)).toArray(Long[]::new);
        Span span = tracer.spanBuilder("outbox deliver " + destination)
                .setSpanKind(SpanKind.CLIENT)
                .setNoParent()
                .setAttribute("messaging.destination.name", destination)
                .setAttribute("messaging.batch.message_count", ids.length)
                .startSpan();
        var request = http.postAbs(destinations.get(destination) + "/internal/messages")
                .putHeader("Content-Type", "application/json");
        if (credential != null) {
            request.putHeader(Headers.SERVICE_CREDENTIAL, credential);
        }
        propagator.inject(Context.root().with(span), request, (carrier, name, value) -> carrier.putHeader(name, value));
        return request.timeout(requestTimeout.toMillis())
                .sendBuffer(Buffer.buffer(body))
                .onItemOrFailure()
                .transformToUni((response, failure) -> {
                    if (failure == null && response.statusCode() / 100 == 2) {
                        span.end();
                        return acknowledge(connection, destination, ids, failures);
                    }
                    String reason = failure != null ? failure.toString() : describe(response);
                    span.setStatus(StatusCode.ERROR, reason);
                    span.end();
                    return recordFailure(connection, destination, failures, reason);
                });
    }

    private Uni<Integer> acknowledge(SqlConnection connection, String destination, Long[] ids, int failures) {
        if (failures > 0) {
            Log.infof("Outbox delivery to %s works again after %d failed attempts", destination, failures);
        }
        Log.debugf("Delivered %d messages to %s", ids.length, destination);
        return connection
                .preparedQuery("delete from " + table + " where id = any($1)")
                .execute(Tuple.of(ids))
                .flatMap(deleted -> connection
                        .preparedQuery("update " + table + "_destination"
                                + " set failures = 0, last_error = null where destination = $1")
                        .execute(Tuple.of(destination)))
                .replaceWith(ids.length);
    }

    private Uni<Integer> recordFailure(SqlConnection connection, String destination, int failures, String reason) {
        Duration pause = pauseAfter(failures + 1);
        if (failures == 0) {
            Log.warnf("Outbox delivery to %s failed (%s); retrying with backoff", destination, reason);
        } else {
            Log.debugf("Outbox delivery to %s failed again (%s), attempt %d", destination, reason, failures + 1);
        }
        return connection
                .preparedQuery("update " + table + "_destination set failures = failures + 1,"
                        + " next_attempt_at = now() + make_interval(secs => $2), last_error = $3"
                        + " where destination = $1")
                .execute(Tuple.of(destination, pause.toMillis() / 1000.0, truncate(reason)))
                .replaceWith(0);
    }

    /** 0.5 s, 1 s, 2 s, ... up to 30 s between attempts. */
    static Duration pauseAfter(int failures) {
        long millis = 500L << Math.min(failures - 1, 10);
        return millis > MAX_PAUSE.toMillis() ? MAX_PAUSE : Duration.ofMillis(millis);
    }

    /**
     * How many of the oldest messages, by their payloads' sizes, fit in one request body the receivers accept; always
     * at least one, so a single large message still goes (and the rest follow in the next batch).
     */
    static int withinBodyLimit(List<Long> payloadSizes) {
        long bytes = 0;
        int count = 0;
        for (long size : payloadSizes) {
            bytes += size + 64L;
            if (count > 0 && bytes > MAX_BODY_CHARS) {
                break;
            }
            count++;
        }
        return count;
    }

    private String batchBody(List<Row> batch) throws JsonProcessingException {
        StringBuilder body = new StringBuilder(256 * batch.size());
        body.append("{\"source\":").append(json.writeValueAsString(source)).append(",\"messages\":[");
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"id\":")
                    .append(row.getLong(0))
                    .append(",\"kind\":")
                    .append(json.writeValueAsString(row.getString(1)))
                    .append(",\"key\":")
                    .append(json.writeValueAsString(row.getString(2)))
                    .append(",\"payload\":")
                    .append(row.getString(3))
                    .append('}');
        }
        return body.append("]}").toString();
    }

    private static String describe(HttpResponse<Buffer> response) {
        return "HTTP " + response.statusCode();
    }

    private static String truncate(String reason) {
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }

    private static List<Row> toList(RowSet<Row> rows) {
        List<Row> list = new ArrayList<>(rows.size());
        rows.forEach(list::add);
        return list;
    }
}
