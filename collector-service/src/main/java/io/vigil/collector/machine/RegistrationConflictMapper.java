package io.vigil.collector.machine;

import io.vigil.common.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Two first contacts of the same machine at once: one registers it, the other is told to retry. */
public class RegistrationConflictMapper {

    @ServerExceptionMapper
    public Response duplicateMachine(ConstraintViolationException e) {
        return ProblemMappers.respond(
                409,
                "concurrent-modification",
                "Concurrent modification",
                "The machine was registered by another request at the same time; retry",
                List.of());
    }
}
