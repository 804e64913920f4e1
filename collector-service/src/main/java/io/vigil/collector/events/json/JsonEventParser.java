package io.vigil.collector.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.collector.events.EventTimeBounds;
import java.time.Instant;

/**
 * Reads the elements of a JSON array of events: Windows events, flat or nested as exported from their XML (told by an
 * {@code EventID} or an {@code Event} field), or events in Vigil's own JSON. A Windows event of an id this parser does
 * not map is still an event, of category Other, with its raw text; only an element that cannot be an event is
 * rejected, with the reason. Reading one element never depends on another, so a bad one costs only itself.
 *
 * <p>One parser serves one upload: the time of receipt bounds the times the events may carry.
 */
public final class JsonEventParser {

    /** A little over the largest Vigil event (a raw text and a command line of 32,768 characters each, escaped). */
    static final int MAX_ENTRY_LENGTH = 131_072;

    /** Deeper than any export nests (a nested Windows event is five levels deep), and shallow enough to print. */
    static final int MAX_DEPTH = 32;

    private final Instant receivedAt;

    /** @param receivedAt when the upload arrived, by the server's clock */
    public JsonEventParser(Instant receivedAt) {
        this.receivedAt = receivedAt;
    }

    public JsonEventResult parse(JsonNode element) {
        if (element == null || !element.isObject()) {
            return rejected(
                    "an event must be a JSON object, not " + (element == null ? "nothing" : JsonValues.kind(element)));
        }
        if (JsonValues.nestsDeeperThan(element, MAX_DEPTH)) {
            return rejected("event nests deeper than " + MAX_DEPTH + " levels");
        }
        String raw = element.toString();
        if (raw.length() > MAX_ENTRY_LENGTH) {
            return rejected("event is longer than " + MAX_ENTRY_LENGTH + " characters of JSON");
        }
        try {
            EventDraft draft = draft(element);
            checkTime(draft.time);
            return new JsonEventResult.Accepted(draft.toEvent(raw));
        } catch (InvalidEntry e) {
            return rejected(e.getMessage());
        }
    }

    private static EventDraft draft(JsonNode element) {
        if (element.has("EventID") || element.has("Event")) {
            return WindowsMappings.draft(WindowsEvent.read(element));
        }
        if (VigilEvents.isOne(element)) {
            return VigilEvents.read(element);
        }
        throw new InvalidEntry("neither a Windows event (no EventID or Event field)"
                + " nor a Vigil event (no time, category or action field)");
    }

    private void checkTime(Instant time) {
        String refusal = EventTimeBounds.refusal(time, receivedAt);
        if (refusal != null) {
            throw new InvalidEntry(refusal);
        }
    }

    private static JsonEventResult rejected(String reason) {
        return new JsonEventResult.Rejected(reason);
    }
}
