package io.vigil.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes outbox messages inside the caller's transaction, so a message exists exactly when the change it announces
 * was committed.
 */
@ApplicationScoped
@IfBuildProperty(name = "vigil.outbox.enabled", stringValue = "true")
public class Outbox {

    private final ObjectMapper json;
    private final String insert;

    public Outbox(ObjectMapper json, OutboxSettings settings) {
        this.json = json;
        this.insert = "insert into " + settings.table() + " (destination, kind, message_key, payload)"
                + " values ($1, $2, $3, $4)";
    }

    /** For a Hibernate Reactive transaction: call inside the caller's {@code @WithTransaction}. */
    public Uni<Void> enqueue(String destination, String kind, String key, Object payload) {
        OutboxMessageEntity message = new OutboxMessageEntity();
        message.destination = destination;
        message.kind = kind;
        message.messageKey = key;
        message.payload = encode(payload);
        message.createdAt = Instant.now();
        return message.persist().replaceWithVoid();
    }

    /** For a transaction of the reactive client, on its connection. */
    public Uni<Void> enqueue(SqlConnection connection, String destination, String kind, String key, Object payload) {
        return connection
                .preparedQuery(insert)
                .execute(Tuple.of(destination, kind, key, encode(payload)))
                .replaceWithVoid();
    }

    private String encode(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("An outbox payload could not be encoded", e);
        }
    }
}
