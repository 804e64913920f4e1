package io.vigil.common.security;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vigil.common.problem.ProblemMappers;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Decides, before any endpoint runs, whether the caller may call it: by the endpoint's {@link Access} level, the
 * caller's credentials and the subscription in the path. Health, metrics and OpenAPI are not endpoints of the
 * application and stay open for probes and scrapers.
 */
public class AccessFilter {

    private static final Optional<Response> ALLOW = Optional.empty();
    private static final String SUBSCRIPTION_PARAMETER = "subscriptionId";
    private static final String SUBSCRIPTION_SEGMENT = "/subscriptions/";

    private final CurrentIdentityAssociation identities;
    private final SecurityConfig config;
    private final Instance<IngestionKeyVerifier> ingestionKeys;
    private final Map<Method, Optional<Access.Level>> levels = new ConcurrentHashMap<>();

    public AccessFilter(
            CurrentIdentityAssociation identities,
            SecurityConfig config,
            Instance<IngestionKeyVerifier> ingestionKeys) {
        this.identities = identities;
        this.config = config;
        this.ingestionKeys = ingestionKeys;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authorize(ContainerRequestContext request, ResourceInfo resource) {
        Optional<Access.Level> level =
                levels.computeIfAbsent(resource.getResourceMethod(), method -> levelOf(resource));
        if (level.isEmpty()) {
            Log.errorf("Refused a call to %s: the endpoint declares no access level", resource.getResourceMethod());
            return Uni.createFrom().item(forbidden("This endpoint is not open to anybody"));
        }
        String subscription = request.getUriInfo().getPathParameters().getFirst(SUBSCRIPTION_PARAMETER);
        if (subscription == null
                && level.get() != Access.Level.INTERNAL
                && request.getUriInfo().getPath().contains(SUBSCRIPTION_SEGMENT)) {
            // Granted subscriptions are checked against {subscriptionId}: a path that names its subscription by
            // another parameter would let every token in, so it opens to nobody.
            Log.errorf(
                    "Refused a call to %s: its path names a subscription, but not as {%s}",
                    resource.getResourceMethod(), SUBSCRIPTION_PARAMETER);
            return Uni.createFrom().item(forbidden("This endpoint is not open to anybody"));
        }
        Uni<Optional<Response>> decision = switch (level.get()) {
            case INTERNAL -> Uni.createFrom().item(internalCaller(request));
            case INGEST ->
                request.getHeaderString(Headers.INGESTION_KEY) != null
                        ? agent(request.getHeaderString(Headers.INGESTION_KEY), subscription)
                        : person(Access.Level.ADMIN, subscription);
            case READ, ADMIN -> person(level.get(), subscription);
        };
        return decision.map(refusal -> refusal.orElse(null));
    }

    private static Optional<Access.Level> levelOf(ResourceInfo resource) {
        Access access = resource.getResourceMethod().getAnnotation(Access.class);
        if (access == null) {
            access = resource.getResourceClass().getAnnotation(Access.class);
        }
        return Optional.ofNullable(access).map(Access::value);
    }

    private Uni<Optional<Response>> person(Access.Level level, String subscription) {
        return identities
                .getDeferredIdentity()
                .map(identity -> judge(identity, level, subscription))
                .onFailure(AuthenticationFailedException.class)
                .recoverWithItem(failure -> Optional.of(unauthorized("The bearer token is not valid")));
    }

    private Optional<Response> judge(SecurityIdentity identity, Access.Level level, String subscription) {
        if (identity.isAnonymous()) {
            return Optional.of(unauthorized("A bearer token is required"));
        }
        boolean admin = identity.hasRole(Roles.SECURITY_ADMIN);
        boolean allowed = level == Access.Level.READ ? admin || identity.hasRole(Roles.READER) : admin;
        if (!allowed) {
            return Optional.of(forbidden("Your role does not allow this"));
        }
        if (subscription != null
                && !grantedSubscriptions(identity).contains(subscription)
                && !grantedSubscriptions(identity).contains("*")) {
            return Optional.of(forbidden("You have not been granted this subscription"));
        }
        return ALLOW;
    }

    private Collection<String> grantedSubscriptions(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return List.of();
        }
        Object claim = token.getClaim(config.subscriptionsClaim());
        if (claim instanceof JsonArray array) {
            return array.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof JsonString text) {
            return List.of(text.getString().split("[ ,]+"));
        }
        if (claim instanceof String text) {
            return List.of(text.split("[ ,]+"));
        }
        return List.of();
    }

    private Uni<Optional<Response>> agent(String presentedKey, String subscription) {
        if (ingestionKeys.isUnsatisfied()) {
            return Uni.createFrom().item(Optional.of(unauthorized("Ingestion keys are not accepted here")));
        }
        return ingestionKeys.get().subscriptionOf(presentedKey).map(owner -> {
            if (owner.isEmpty()) {
                return Optional.of(unauthorized("The ingestion key is not valid"));
            }
            if (!owner.get().equals(subscription)) {
                return Optional.of(forbidden("The ingestion key belongs to another subscription"));
            }
            return ALLOW;
        });
    }

    private Optional<Response> internalCaller(ContainerRequestContext request) {
        String presented = request.getHeaderString(Headers.SERVICE_CREDENTIAL);
        String caller = ServiceCaller.nameOf(presented);
        if (caller == null) {
            return Optional.of(unauthorized("Service credentials are required"));
        }
        String token = presented.substring(caller.length() + 1);
        String expected = config.callers().get(caller);
        if (expected == null || expected.isEmpty() || !constantTimeEquals(expected, token)) {
            return Optional.of(forbidden("These service credentials are not accepted here"));
        }
        return ALLOW;
    }

    private static boolean constantTimeEquals(String expected, String presented) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static Response unauthorized(String detail) {
        Response problem = ProblemMappers.respond(401, "unauthorized", "Unauthorized", detail, List.of());
        return Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response forbidden(String detail) {
        return ProblemMappers.respond(403, "forbidden", "Forbidden", detail, List.of());
    }
}
