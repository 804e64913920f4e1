package io.vigil.collector.events.json;

import static io.vigil.collector.events.json.JsonValues.MAX_NAME_LENGTH;
import static io.vigil.collector.events.json.JsonValues.MAX_TEXT_LENGTH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a Windows event that the mappings read, from either JSON form: flat, with the system and data fields
 * side by side at the top, or nested as exported from the event's XML ({@code Event.System}, {@code Event.EventData},
 * {@code Event.UserData}).
 */
final class WindowsEvent {

    private static final int MAX_EVENT_ID = 65_535;
    private static final int MAX_SHORT_TEXT = 64;
    private static final String DEFENDER = "microsoft-windows-windows defender";

    private final int id;
    private final Instant time;
    private final String host;
    private final String channel;
    private final String provider;
    private final Map<String, JsonNode> data;

    private WindowsEvent(JsonNode system, String path, Map<String, JsonNode> data) {
        this.id = eventId(system.get("EventID"), path + "EventID");
        this.time = timeCreated(system.get("TimeCreated"), path + "TimeCreated");
        this.host = firstText(system, path, "Computer", "MachineName");
        this.channel = firstText(system, path, "Channel", "LogName");
        this.provider = providerName(system, path);
        this.data = data;
    }

    /** Reads an element with {@code EventID} at its top (the flat form) or with an {@code Event} object. */
    static WindowsEvent read(JsonNode element) {
        Map<String, JsonNode> data = new HashMap<>();
        if (element.has("EventID")) {
            addFields(element, data);
            addEventData(element.get("EventData"), data);
            addUserData(element.get("UserData"), data);
            return new WindowsEvent(element, "", data);
        }
        JsonNode event = element.get("Event");
        if (event == null || !event.isObject()) {
            throw new InvalidEntry("Event must be an object holding System and EventData");
        }
        JsonNode system = event.get("System");
        if (system == null || !system.isObject()) {
            throw new InvalidEntry("Event.System is missing or is not an object");
        }
        addEventData(event.get("EventData"), data);
        addUserData(event.get("UserData"), data);
        return new WindowsEvent(system, "Event.System.", data);
    }

    int id() {
        return id;
    }

    Instant time() {
        return time;
    }

    String host() {
        return host;
    }

    /** The channel the event was written to, or its provider when the export did not keep the channel. */
    String program() {
        return channel != null ? channel : provider;
    }

    /** Defender numbers its events in ranges that the Security channel also uses; only its channel tells them apart. */
    boolean fromDefender() {
        return isDefender(channel) || isDefender(provider);
    }

    /** A data field as text of up to 1,000 characters; null when absent, empty or {@code -}. */
    String name(String field) {
        return text(data.get(field), field, MAX_NAME_LENGTH);
    }

    /** A data field as text of up to 32,768 characters, for command lines. */
    String longText(String field) {
        return text(data.get(field), field, MAX_TEXT_LENGTH);
    }

    /** A data field as a port; null when it is not a number 0 to 65535. */
    Integer port(String field) {
        return JsonValues.port(data.get(field));
    }

    private static int eventId(JsonNode node, String field) {
        String text = JsonValues.scalar(node, field, MAX_SHORT_TEXT);
        if (text == null) {
            throw new InvalidEntry(field + " is missing");
        }
        Integer id = JsonValues.shortNumber(text);
        if (id == null || id > MAX_EVENT_ID) {
            throw new InvalidEntry(field + " '" + text + "' is not a whole number from 0 to " + MAX_EVENT_ID);
        }
        return id;
    }

    /** A string, or an object with the time as the XML's {@code SystemTime} attribute. */
    private static Instant timeCreated(JsonNode node, String field) {
        JsonNode value = node != null && node.isObject() ? JsonValues.either(node, "@SystemTime", "SystemTime") : node;
        return EventTimes.required(JsonValues.scalar(value, field, EventTimes.MAX_LENGTH), field);
    }

    private static String providerName(JsonNode system, String path) {
        JsonNode provider = system.get("Provider");
        if (provider != null && provider.isObject()) {
            return firstText(provider, path + "Provider.", "@Name", "Name");
        }
        return firstText(system, path, "Provider", "ProviderName", "EventSourceName");
    }

    private static String firstText(JsonNode object, String path, String... fields) {
        for (String field : fields) {
            String value = text(object.get(field), path + field, MAX_NAME_LENGTH);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field, int maxLength) {
        String value = JsonValues.scalar(node, field, maxLength);
        return "-".equals(value) ? null : value;
    }

    /**
     * EventData is an object of name to value, or holds {@code Data}: one item or an array of items with a name and a
     * text. A string (flat exports keep the XML there beside the fields) or null adds nothing.
     */
    private static void addEventData(JsonNode eventData, Map<String, JsonNode> into) {
        if (eventData == null || !eventData.isObject()) {
            return;
        }
        JsonNode items = eventData.get("Data");
        if (items == null) {
            addFields(eventData, into);
        } else if (items.isArray()) {
            items.forEach(item -> addDataItem(item, into));
        } else {
            addDataItem(items, into);
        }
    }

    /** An item without a name is a positional value, which no mapping reads. */
    private static void addDataItem(JsonNode item, Map<String, JsonNode> into) {
        JsonNode name = item.isObject() ? JsonValues.either(item, "@Name", "Name") : null;
        if (name != null && name.isTextual()) {
            JsonNode value = JsonValues.either(item, "#text", "Value");
            into.putIfAbsent(name.textValue(), value == null ? NullNode.getInstance() : value);
        }
    }

    /** UserData holds one element named for the event ({@code LogFileCleared} on 1102) whose children are the data. */
    private static void addUserData(JsonNode userData, Map<String, JsonNode> into) {
        if (userData != null && userData.isObject()) {
            userData.forEach(child -> addFields(child, into));
        }
    }

    private static void addFields(JsonNode object, Map<String, JsonNode> into) {
        if (object.isObject()) {
            object.properties().forEach(field -> into.putIfAbsent(field.getKey(), field.getValue()));
        }
    }

    private static boolean isDefender(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).startsWith(DEFENDER);
    }
}
