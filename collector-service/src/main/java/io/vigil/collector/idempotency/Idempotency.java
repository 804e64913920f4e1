package io.vigil.collector.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.collector.db.Constraints;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Idempotency-Key} on the collector's POSTs. A key seen before answers what its first request answered and
 * stores nothing; a key reused for a different request is refused. The key's record is written by the request's work,
 * in the work's own transaction ({@link #record}), so a request that committed has its record and one that did not has
 * none: a client that retries after a lost answer or a crash gets the data stored exactly once. Two requests racing on
 * one key collide on the record's unique key, and the loser answers as a repeat.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final int MAX_KEY_LENGTH = 255;
    private static final String CONSTRAINT = "idempotency_record_key_unique";
    private static final String INSERT = "insert into collector.idempotency_record"
            + " (subscription_id, idem_key, fingerprint, status, content_type, body) values ($1, $2, $3, $4, $5, $6)";
    private static final String FIND = "select fingerprint, status, content_type, body"
            + " from collector.idempotency_record where subscription_id = $1 and idem_key = $2";

    private final Pool pool;
    private final ObjectMapper json;
    private final Duration retention;

    public Idempotency(
            Pool pool,
            ObjectMapper json,
            @ConfigProperty(name = "vigil.idempotency.retention", defaultValue = "PT24H") Duration retention) {
        this.pool = pool;
        this.json = json;
        this.retention = retention;
    }

    /** What a request's first answer was, as stored. */
    public record Answer(int status, String contentType, String body) {}

    /**
     * Runs {@code work} unless the key was seen before. Without a key the work runs with a null claim.
     *
     * @param fingerprint what makes the request itself: method, path and body (see {@link #fingerprint})
     * @param work must hand its claim to {@link #record} inside its transaction
     * @param replay turns a stored answer into the response; {@link #replay(Answer)} for most endpoints
     */
    public Uni<Response> once(
            String subscriptionId,
            String key,
            String fingerprint,
            Function<IdempotencyClaim, Uni<Response>> work,
            Function<Answer, Uni<Response>> replay) {
        if (key == null) {
            return work.apply(null);
        }
        IdempotencyClaim claim = new IdempotencyClaim(subscriptionId, validKey(key), fingerprint);
        return find(claim)
                .flatMap(first -> first != null
                        ? replay.apply(first)
                        : work.apply(claim)
                                .onFailure(Idempotency::isClaimTaken)
                                .recoverWithUni(() -> find(claim)
                                        .flatMap(winner -> winner != null
                                                ? replay.apply(winner)
                                                : Uni.createFrom()
                                                        .failure(ApiException.unavailable("Retry the request")))));
    }

    public Uni<Response> once(
            String subscriptionId, String key, String fingerprint, Function<IdempotencyClaim, Uni<Response>> work) {
        return once(
                subscriptionId,
                key,
                fingerprint,
                work,
                answer -> Uni.createFrom().item(replay(answer)));
    }

    /** The stored answer as it was given, marked as a replay. */
    public static Response replay(Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).header(REPLAYED_HEADER, "true");
        if (answer.body() != null) {
            response.entity(answer.body()).type(answer.contentType());
        }
        return response.build();
    }

    /** Writes the claim on the reactive client's transaction; nothing when there is no claim. */
    public Uni<Void> record(SqlConnection connection, IdempotencyClaim claim, int status, Object body) {
        if (claim == null) {
            return Uni.createFrom().voidItem();
        }
        String encoded = encode(body);
        return connection
                .preparedQuery(INSERT)
                .execute(Tuple.tuple(Arrays.asList(
                        claim.subscriptionId(),
                        claim.key(),
                        claim.fingerprint(),
                        status,
                        encoded == null ? null : MediaType.APPLICATION_JSON,
                        encoded)))
                .replaceWithVoid();
    }

    /** Writes the claim in the current Hibernate transaction; nothing when there is no claim. */
    public Uni<Void> record(IdempotencyClaim claim, int status, Object body) {
        if (claim == null) {
            return Uni.createFrom().voidItem();
        }
        IdempotencyRecordEntity entity = new IdempotencyRecordEntity();
        entity.subscriptionId = claim.subscriptionId();
        entity.key = claim.key();
        entity.fingerprint = claim.fingerprint();
        entity.status = status;
        entity.body = encode(body);
        entity.contentType = entity.body == null ? null : MediaType.APPLICATION_JSON;
        entity.createdAt = Instant.now();
        return entity.persistAndFlush().replaceWithVoid();
    }

    /** Method, path, content type and the SHA-256 of the body: equal for a repeat, different for another request. */
    /** For a request without a body. */
    public static String fingerprint(String method, String path) {
        return fingerprint(method, path, null, new byte[0]);
    }

    public static String fingerprint(String method, String path, String contentType, String body) {
        return fingerprint(
                method, path, contentType, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    public static String fingerprint(String method, String path, String contentType, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n" + contentType + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Records older than the retention period are forgotten; their keys may then be used anew. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldRecords() {
        return pool.preparedQuery("delete from collector.idempotency_record where created_at < $1")
                .execute(Tuple.of(Instant.now().minus(retention).atOffset(ZoneOffset.UTC)))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        Log.debugf("Forgot %d idempotency keys older than %s", rows.rowCount(), retention);
                    }
                })
                .onFailure()
                .invoke(failure -> Log.warn("Old idempotency keys could not be removed; retrying in an hour", failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Answer> find(IdempotencyClaim claim) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(claim.subscriptionId(), claim.key()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    if (!row.getString(0).equals(claim.fingerprint())) {
                        throw new ApiException(
                                422,
                                "idempotency-key-reused",
                                "Idempotency key reused",
                                "This Idempotency-Key was used for a different request; use a new key for a new"
                                        + " request");
                    }
                    return new Answer(row.getInteger(1), row.getString(2), row.getString(3));
                });
    }

    private String encode(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("An answer could not be encoded", e);
        }
    }

    private static String validKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.badRequest(
                    HEADER, HEADER + " must be 1-" + MAX_KEY_LENGTH + " printable ASCII characters without spaces");
        }
        return key;
    }

    /** Whether a failure is another request's claim on the same key, committed first. */
    static boolean isClaimTaken(Throwable failure) {
        return Constraints.violated(failure, CONSTRAINT);
    }
}
