package io.vigil.collector.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.vigil.common.messaging.Message;
import io.vigil.common.messaging.MessageBatch;
import io.vigil.common.messaging.MessageKinds;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the policy changes out of what policy-service's outbox delivers. Kinds this service has no use for are
 * skipped, so policy-service can announce more than the collector listens to.
 */
@ApplicationScoped
public class PolicyNotices {

    public static final String SOURCE = "policy";

    private final ObjectMapper json;

    public PolicyNotices(ObjectMapper json) {
        this.json = json;
    }

    public List<PolicyChanged> changes(MessageBatch batch) {
        if (batch == null) {
            throw ApiException.badRequest("body", "a message batch is required");
        }
        if (!SOURCE.equals(batch.source())) {
            throw ApiException.badRequest("source", "only messages from " + SOURCE + " are taken here");
        }
        if (batch.messages() == null) {
            throw ApiException.badRequest("messages", "messages must be an array");
        }
        List<PolicyChanged> changes = new ArrayList<>();
        for (int i = 0; i < batch.messages().size(); i++) {
            Message message = batch.messages().get(i);
            String field = "messages[" + i + "]";
            if (message == null || message.kind() == null) {
                throw ApiException.badRequest(field, "each message needs an id and a kind");
            }
            if (MessageKinds.POLICY_CHANGED.equals(message.kind())) {
                changes.add(change(message, field));
            } else {
                Log.debugf("Message %d of kind %s is not for this service", message.id(), message.kind());
            }
        }
        return changes;
    }

    private PolicyChanged change(Message message, String field) {
        return PolicyChanged.read(json, message.payload(), field + ".payload");
    }
}
