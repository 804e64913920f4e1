package io.vigil.collector.notice;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.policy.EffectivePolicies;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.security.Access;
import io.vigil.common.security.Headers;
import io.vigil.common.security.ServiceCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Where policy-service announces policy changes, so reports and events are judged by the new policy at once instead
 * of after the cache expires, by every replica, not only the one the notice reached.
 *
 * <p>Unlike the other receivers this one keeps no inbox: all it does is record the notice where every replica sees it,
 * and recording a notice twice is harmless, so a redelivered notice needs no dropping.
 */
@Path("/internal/messages")
public class PolicyNoticeResource {

    private final PolicyNotices notices;
    private final EffectivePolicies policies;

    public PolicyNoticeResource(PolicyNotices notices, EffectivePolicies policies) {
        this.notices = notices;
        this.policies = policies;
    }

    @POST
    @Access(Access.Level.INTERNAL)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(MessageBatch batch, HttpHeaders headers) {
        ServiceCaller.requireSender(
                headers.getHeaderString(Headers.SERVICE_CREDENTIAL), batch == null ? null : batch.source());
        List<PolicyChanged> changes = notices.changes(batch);

        return policies.noticed(changes)
                .invoke(() -> changes.forEach(change -> Log.debugf(
                        "Policy of subscription %s, resource group %s changed (version %d); kept policies outdated",
                        change.subscriptionId(), change.resourceGroup(), change.version())))
                .map(done -> Response.noContent().build());
    }
}
