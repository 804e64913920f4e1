package io.vigil.recommendation.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Remembers which messages were handled, so a repeated delivery changes nothing. */
@ApplicationScoped
public class InboxRepository {

    private static final String RECORD = "insert into {h-schema}inbox (source, message_id, received_at)"
            + " values (:source, :messageId, :receivedAt) on conflict do nothing";

    /** Records the message; true when it was not seen before and must be handled now. */
    public Uni<Boolean> recordFirstDelivery(String source, long messageId, Instant receivedAt) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter("source", source)
                        .setParameter("messageId", messageId)
                        .setParameter("receivedAt", receivedAt)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
