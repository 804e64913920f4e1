package io.vigil.common.messaging;

import java.util.List;

/** What an outbox delivers to a receiver's {@code POST /internal/messages}, oldest first. */
public record MessageBatch(String source, List<Message> messages) {}
