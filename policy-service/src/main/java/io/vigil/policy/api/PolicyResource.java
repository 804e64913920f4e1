package io.vigil.policy.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.paging.Page;
import io.vigil.common.policy.EffectivePolicy;
import io.vigil.common.problem.ApiException;
import io.vigil.common.security.Access;
import io.vigil.common.validation.Identifiers;
import io.vigil.policy.model.EffectivePolicyResolver;
import io.vigil.policy.model.PolicyChange;
import io.vigil.policy.model.PolicySettings;
import io.vigil.policy.service.IfMatch;
import io.vigil.policy.service.PolicyService;
import io.vigil.policy.service.VersionedSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/subscriptions/{subscriptionId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final PolicyService policies;

    public PolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Path("/policy")
    @Access(Access.Level.READ)
    public Uni<Response> subscriptionPolicy(@RestPath String subscriptionId) {
        Identifiers.subscription(subscriptionId);

        return policies.find(subscriptionId, null)
                .map(found -> withEtag(EffectivePolicyResolver.subscriptionWithDefaults(found.settings()), found));
    }

    @PUT
    @Path("/policy")
    @Access(Access.Level.ADMIN)
    public Uni<Response> replaceSubscriptionPolicy(
            @RestPath String subscriptionId,
            @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull PolicySettings settings,
            SecurityContext caller) {
        Identifiers.subscription(subscriptionId);
        requireDistinctEmails(settings);

        return policies.replace(subscriptionId, null, settings, IfMatch.parse(ifMatch), authorOf(caller))
                .map(saved -> withEtag(EffectivePolicyResolver.subscriptionWithDefaults(saved.settings()), saved));
    }

    @GET
    @Path("/resourceGroups/{resourceGroup}/policy")
    @Access(Access.Level.READ)
    public Uni<Response> resourceGroupPolicy(@RestPath String subscriptionId, @RestPath String resourceGroup) {
        validateScope(subscriptionId, resourceGroup);

        return policies.find(subscriptionId, resourceGroup).map(found -> withEtag(found.settings(), found));
    }

    @PUT
    @Path("/resourceGroups/{resourceGroup}/policy")
    @Access(Access.Level.ADMIN)
    public Uni<Response> replaceResourceGroupPolicy(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull PolicySettings settings,
            SecurityContext caller) {
        validateScope(subscriptionId, resourceGroup);
        requireDistinctEmails(settings);

        return policies.replace(subscriptionId, resourceGroup, settings, IfMatch.parse(ifMatch), authorOf(caller))
                .map(saved -> withEtag(saved.settings(), saved));
    }

    @DELETE
    @Path("/resourceGroups/{resourceGroup}/policy")
    @Access(Access.Level.ADMIN)
    public Uni<Response> removeResourceGroupPolicy(
            @RestPath String subscriptionId,
            @RestPath String resourceGroup,
            @RestHeader("If-Match") String ifMatch,
            SecurityContext caller) {
        validateScope(subscriptionId, resourceGroup);

        return policies.remove(subscriptionId, resourceGroup, IfMatch.parse(ifMatch), authorOf(caller))
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/resourceGroups/{resourceGroup}/effectivePolicy")
    @Access(Access.Level.READ)
    public Uni<EffectivePolicy> effectivePolicy(@RestPath String subscriptionId, @RestPath String resourceGroup) {
        validateScope(subscriptionId, resourceGroup);

        return policies.effective(subscriptionId, resourceGroup);
    }

    @GET
    @Path("/policy/history")
    @Access(Access.Level.READ)
    public Uni<Page<PolicyChange>> history(
            @RestPath String subscriptionId,
            @RestQuery String resourceGroup,
            @RestQuery Long before,
            @RestQuery Integer limit,
            UriInfo uri) {
        Identifiers.subscription(subscriptionId);
        if (resourceGroup != null) {
            Identifiers.resourceGroup(resourceGroup);
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        if (before != null && before < 1) {
            throw ApiException.badRequest("before", "before must be a positive change id");
        }

        return policies.history(subscriptionId, resourceGroup, before, size + 1)
                .map(changes -> page(changes, size, uri));
    }

    /** One entry more than the page was read: only when it exists is there a next page to link to. */
    private static Page<PolicyChange> page(List<PolicyChange> changes, int size, UriInfo uri) {
        if (changes.size() <= size) {
            return new Page<>(changes, null);
        }
        List<PolicyChange> shown = changes.subList(0, size);
        String next = uri.getRequestUriBuilder()
                .replaceQueryParam("before", shown.get(size - 1).id())
                .build()
                .toString();
        return new Page<>(shown, next);
    }

    /** Who made a change, for the history: the token's principal name. */
    static String authorOf(SecurityContext caller) {
        return caller.getUserPrincipal() == null
                ? "unknown"
                : caller.getUserPrincipal().getName();
    }

    /** Bean validation checks each address alone; a repeated one is only seen in the list as a whole. */
    private static void requireDistinctEmails(PolicySettings settings) {
        settings.repeatedEmail().ifPresent(repeated -> {
            throw ApiException.badRequest(
                    "securityContact.emails", "securityContact.emails lists " + repeated + " more than once");
        });
    }

    static void validateScope(String subscriptionId, String resourceGroup) {
        Identifiers.subscription(subscriptionId);
        Identifiers.resourceGroup(resourceGroup);
    }

    private static Response withEtag(PolicySettings settings, VersionedSettings version) {
        return Response.ok(settings).header(HttpHeaders.ETAG, version.etag()).build();
    }
}
