package io.vigil.collector.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/** Reads text and numbers out of JSON values whose type the sender may have got wrong, within length limits. */
final class JsonValues {

    static final int MAX_NAME_LENGTH = 1_000;
    static final int MAX_TEXT_LENGTH = 32_768;

    /** Enough digits for a port or a protocol number, few enough that parsing them cannot overflow. */
    private static final Pattern SHORT_NUMBER = Pattern.compile("\\d{1,9}");

    private static final int MAX_PORT = 65_535;

    private JsonValues() {}

    /** A JSON string, or null when the field is absent, null or blank. */
    static String string(JsonNode object, String field, int maxLength) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEntry(field + " must be a string, not " + kind(node));
        }
        return checked(node.textValue(), field, maxLength);
    }

    /**
     * A scalar as text: a string, a number or a boolean, or an object that holds one under {@code #text} or
     * {@code Value} (an XML element with attributes, as converters write it). Null when absent, null or blank, or an
     * element with attributes only.
     */
    static String scalar(JsonNode node, String field, int maxLength) {
        JsonNode value = unwrap(node);
        if (value == null || value.isNull() || isEmptyElement(value)) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new InvalidEntry(field + " must be text or a number, not " + kind(value));
        }
        return checked(value.asText(), field, maxLength);
    }

    /** A port 0 to 65535 written as a number or as digits; null for anything else, never a rejection. */
    static Integer port(JsonNode node) {
        JsonNode value = unwrap(node);
        if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
            return null;
        }
        Integer number = shortNumber(value.asText().trim());
        return number == null || number > MAX_PORT ? null : number;
    }

    /** The value of up to nine digits as a number; null for anything else. */
    static Integer shortNumber(String text) {
        return text != null && SHORT_NUMBER.matcher(text).matches() ? Integer.valueOf(text) : null;
    }

    /** The value without surrounding blanks, null if blank; refused if too long or if PostgreSQL cannot store it. */
    static String checked(String value, String field, int maxLength) {
        if (value.indexOf('\0') >= 0) {
            throw new InvalidEntry(field + " contains a NUL character");
        }
        String trimmed = value.trim();
        if (trimmed.length() > maxLength) {
            throw new InvalidEntry(field + " is longer than " + maxLength + " characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case NULL -> "null";
            default -> "a value of another kind";
        };
    }

    /** The value of the first of two fields that the object has; null if it has neither. */
    static JsonNode either(JsonNode object, String first, String second) {
        JsonNode value = object.get(first);
        return value != null ? value : object.get(second);
    }

    /** Whether containers nest more than {@code limit} levels below the value; walked level by level, no recursion. */
    static boolean nestsDeeperThan(JsonNode root, int limit) {
        Deque<JsonNode> level = new ArrayDeque<>(List.of(root));
        for (int depth = 0; !level.isEmpty(); depth++) {
            if (depth > limit) {
                return true;
            }
            Deque<JsonNode> next = new ArrayDeque<>();
            level.forEach(node -> node.forEach(child -> {
                if (child.isContainerNode()) {
                    next.add(child);
                }
            }));
            level = next;
        }
        return false;
    }

    private static JsonNode unwrap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return node;
        }
        JsonNode text = either(node, "#text", "Value");
        return text != null ? text : node;
    }

    /** An XML element with attributes and no text, such as {@code {"@Qualifiers": ""}}. */
    private static boolean isEmptyElement(JsonNode node) {
        return node.isObject()
                && node.properties().stream().allMatch(field -> field.getKey().startsWith("@"));
    }
}
