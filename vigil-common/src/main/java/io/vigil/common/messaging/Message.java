package io.vigil.common.messaging;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message from a service's outbox. {@code id} is unique per source and increases in the order the messages were
 * written, so a receiver drops a message whose id it has seen. {@code key} orders messages (a machine's resource key).
 */
public record Message(long id, String kind, String key, JsonNode payload) {}
