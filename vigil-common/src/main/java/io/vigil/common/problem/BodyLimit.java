package io.vigil.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request that announces a body larger than {@code quarkus.http.limits.max-body-size} with a 413 problem
 * document. Quarkus refuses it too, one step later, but with an empty answer. A body sent in chunks, without its
 * length, is still cut off by Quarkus once it passes the limit.
 */
@ApplicationScoped
public class BodyLimit {

    /** Quarkus checks the announced length at order -2; this runs just before it. */
    private static final int BEFORE_QUARKUS = -3;

    private static final int TOO_LARGE = 413;

    private final Optional<MemorySize> limit;
    private final ObjectMapper json;

    public BodyLimit(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit, ObjectMapper json) {
        this.limit = limit;
        this.json = json;
    }

    void refuseLargeBodies(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(BEFORE_QUARKUS).handler(context -> check(context, max)));
    }

    private void check(RoutingContext context, MemorySize max) {
        Long length = announcedLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (length == null || length <= max.asLongValue()) {
            context.next();
            return;
        }
        // The body is never read, so the connection cannot carry another request: it is closed after the answer.
        context.response()
                .setStatusCode(TOO_LARGE)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .endHandler(done -> context.request().connection().close())
                .end(problem(length, max));
    }

    private String problem(long length, MemorySize max) {
        Problem problem = new Problem(
                Problem.TYPE_PREFIX + "body-too-large",
                "Body too large",
                TOO_LARGE,
                "The body has " + length + " bytes; at most " + max.asLongValue() + " are taken",
                null,
                List.of());
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document could not be written", e);
        }
    }

    private static Long announcedLength(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
