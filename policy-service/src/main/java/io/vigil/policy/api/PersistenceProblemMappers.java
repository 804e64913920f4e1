package io.vigil.policy.api;

import io.vigil.common.problem.ProblemMappers;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Two writers of the same policy at once: the later one is told to read again, never silently overwritten. */
public class PersistenceProblemMappers {

    @ServerExceptionMapper
    public Response staleWrite(StaleStateException e) {
        return conflict();
    }

    @ServerExceptionMapper
    public Response duplicateScope(ConstraintViolationException e) {
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
                "The policy was changed by another request at the same time; read it again and retry",
                List.of());
    }
}
