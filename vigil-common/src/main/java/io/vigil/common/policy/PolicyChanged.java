package io.vigil.common.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.problem.ApiException;
import io.vigil.common.validation.Identifiers;
import java.time.Instant;

/**
 * Announces that a scope's policy changed: the subscription's own ({@code resourceGroup} null, which touches every
 * resource group that inherits from it) or one resource group's. Receivers drop what they cached and re-evaluate
 * what the scope covers.
 */
public record PolicyChanged(String subscriptionId, String resourceGroup, int version, Instant changedAt) {

    /**
     * Reads a delivered message's payload as a change; a payload that is not one is a 400 naming {@code field}.
     *
     * @param field where the payload sat in the request, such as {@code messages[3].payload}
     */
    public static PolicyChanged read(ObjectMapper json, JsonNode payload, String field) {
        PolicyChanged change;
        try {
            change = payload == null ? null : json.treeToValue(payload, PolicyChanged.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(field, "payload is not a policy change");
        }
        if (change == null) {
            throw ApiException.badRequest(field, "a policy change needs a subscriptionId");
        }
        return change.validated(field);
    }

    /**
     * This change, once its scope is known to be well formed; otherwise a 400 naming {@code field}.
     *
     * @param field where the change sat in the request, such as {@code messages[3].payload}
     */
    public PolicyChanged validated(String field) {
        if (subscriptionId == null) {
            throw ApiException.badRequest(field, "a policy change needs a subscriptionId");
        }
        Identifiers.subscription(subscriptionId);
        if (resourceGroup != null) {
            Identifiers.resourceGroup(resourceGroup);
        }
        return this;
    }
}
