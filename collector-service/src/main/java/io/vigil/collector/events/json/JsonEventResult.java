package io.vigil.collector.events.json;

import io.vigil.common.events.NormalizedEvent;

/** What one element of an uploaded JSON array became: an event, or the reason it could not be read. */
public sealed interface JsonEventResult {

    record Accepted(NormalizedEvent event) implements JsonEventResult {}

    record Rejected(String reason) implements JsonEventResult {}
}
