package io.vigil.policy.api;

import io.vigil.common.problem.ProblemMappers;
import io.vigil.policy.service.WriteConflicts;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two writers of the same policy at once: the later one is told to read again, never silently overwritten. Only the
 * version check and the scope's own unique constraint mean that; any other constraint error is a fault of the
 * service and gets the generic answer.
 */
public class PersistenceProblemMappers {

    private final ProblemMappers generic = new ProblemMappers();

    @ServerExceptionMapper
    public Response staleWrite(StaleStateException e) {
        return conflict();
    }

    @ServerExceptionMapper
    public Response constraintBroken(ConstraintViolationException e) {
        return WriteConflicts.isConflict(e) ? conflict() : generic.unexpected(e);
    }

    @ServerExceptionMapper
    public Response concurrentWrite(OptimisticLockException e) {
        return conflict();
    }

    private Response conflict() {
        return generic.apiException(WriteConflicts.concurrentModification());
    }
}
