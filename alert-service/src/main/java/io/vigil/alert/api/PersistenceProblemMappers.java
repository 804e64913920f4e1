package io.vigil.alert.api;

import io.vigil.common.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Two requests reopening alerts about the same entity at once: the loser is told, never left with a 500. */
public class PersistenceProblemMappers {

    @ServerExceptionMapper
    public Response concurrentReopen(ConstraintViolationException e) {
        return ProblemMappers.respond(
                409,
                "alert-superseded",
                "Alert superseded",
                "Another alert about the same source on this machine is open; work on that one",
                List.of());
    }
}
