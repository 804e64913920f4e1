package io.vigil.collector.events.json;

import static io.vigil.collector.events.json.JsonValues.MAX_NAME_LENGTH;
import static io.vigil.collector.events.json.JsonValues.MAX_TEXT_LENGTH;
import static io.vigil.collector.events.json.JsonValues.string;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads an event in Vigil's own JSON: the fields of a normalized event by the same names. {@code time},
 * {@code category} and {@code action} are required; the rest are optional. Unlike a Windows event, this format is
 * Vigil's contract, so a value of the wrong type or out of range is refused rather than dropped. An {@code id} is not
 * read: the collector gives every event its own.
 */
final class VigilEvents {

    private static final int MAX_PORT = 65_535;

    private VigilEvents() {}

    /** Whether the element has any of the fields that every Vigil event must have. */
    static boolean isOne(JsonNode element) {
        return element.has("time") || element.has("category") || element.has("action");
    }

    static EventDraft read(JsonNode element) {
        EventDraft draft = new EventDraft();
        draft.time = EventTimes.required(string(element, "time", EventTimes.MAX_LENGTH), "time");
        draft.kind(named(EventCategory.values(), element, "category"), named(EventAction.values(), element, "action"));
        draft.count = number(element, "count", 1, NormalizedEvent.MAX_COUNT, 1);
        draft.host = string(element, "host", MAX_NAME_LENGTH);
        draft.program = string(element, "program", MAX_NAME_LENGTH);
        draft.sourceAddress = string(element, "sourceAddress", MAX_NAME_LENGTH);
        draft.sourcePort = port(element, "sourcePort");
        draft.destinationAddress = string(element, "destinationAddress", MAX_NAME_LENGTH);
        draft.destinationPort = port(element, "destinationPort");
        draft.protocol = string(element, "protocol", MAX_NAME_LENGTH);
        draft.account = string(element, "account", MAX_NAME_LENGTH);
        draft.group = string(element, "group", MAX_NAME_LENGTH);
        draft.process = string(element, "process", MAX_NAME_LENGTH);
        draft.parentProcess = string(element, "parentProcess", MAX_NAME_LENGTH);
        draft.commandLine = string(element, "commandLine", MAX_TEXT_LENGTH);
        draft.logonType = string(element, "logonType", MAX_NAME_LENGTH);
        draft.threat = string(element, "threat", MAX_NAME_LENGTH);
        draft.file = string(element, "file", MAX_NAME_LENGTH);
        draft.raw = string(element, "raw", MAX_TEXT_LENGTH);
        return draft;
    }

    /** The enum constant whose name the field holds, exactly as the API writes it. */
    private static <E extends Enum<E>> E named(E[] values, JsonNode element, String field) {
        String text = string(element, field, MAX_NAME_LENGTH);
        if (text == null) {
            throw new InvalidEntry(field + " is missing");
        }
        for (E value : values) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw new InvalidEntry(field + " '" + shortened(text) + "' is not one of " + names(values));
    }

    private static Integer port(JsonNode element, String field) {
        return element.hasNonNull(field) ? number(element, field, 0, MAX_PORT, 0) : null;
    }

    private static int number(JsonNode element, String field, int min, int max, int absent) {
        JsonNode node = element.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new InvalidEntry(field + " must be a whole number from " + min + " to " + max);
        }
        return node.intValue();
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String shortened(String text) {
        return text.length() <= EventTimes.MAX_LENGTH ? text : text.substring(0, EventTimes.MAX_LENGTH) + "...";
    }
}
