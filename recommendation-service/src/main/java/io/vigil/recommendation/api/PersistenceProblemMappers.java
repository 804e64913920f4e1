package io.vigil.recommendation.api;

import io.vigil.common.problem.ProblemMappers;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two writers creating the same recommendation at once (its id is derived from resource and type): the later one is
 * told to retry, which an outbox sender does by itself, and sees the first one's row.
 */
public class PersistenceProblemMappers {

    @ServerExceptionMapper
    public Response duplicateRecommendation(ConstraintViolationException e) {
        return conflict();
    }

    @ServerExceptionMapper
    public Response concurrentWrite(OptimisticLockException e) {
        return conflict();
    }

    private static Response conflict() {
        return ProblemMappers.respond(
                409,
                "concurrent-modification",
                "Concurrent modification",
                "The same recommendation was written by another request at the same time; retry",
                List.of());
    }
}
