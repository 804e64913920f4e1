package io.vigil.common.security;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Checks an agent's ingestion key. Only the service that stores ingestion keys provides one; elsewhere ingestion
 * keys open nothing.
 */
public interface IngestionKeyVerifier {

    /** The subscription the key belongs to, or empty when the key is unknown, wrong or expired. */
    Uni<Optional<String>> subscriptionOf(String presentedKey);
}
