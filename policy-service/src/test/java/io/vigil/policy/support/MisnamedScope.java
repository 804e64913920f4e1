package io.vigil.policy.support;

import io.vigil.common.security.Access;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;

/**
 * An endpoint as a hasty addition might write it: it names its subscription in the path, but as {@code {sub}}, which
 * the access filter does not read. It must open to nobody, and the access matrix walks it like every other endpoint.
 */
@Path("/api/v1/subscriptions/{sub}/misnamedScope")
@Access(Access.Level.READ)
public class MisnamedScope {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> read(@RestPath String sub) {
        return Map.of("subscription", sub);
    }
}
