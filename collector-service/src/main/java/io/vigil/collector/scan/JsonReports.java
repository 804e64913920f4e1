package io.vigil.collector.scan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Walks a JSON report as a stream, so a large upload is never held as one tree: only each entry (a vulnerability, a
 * match) is read whole. Every wrong shape becomes an {@link UnreadableScanException} naming the field by its path, e.g.
 * {@code Results[0].Vulnerabilities[3].VulnerabilityID}.
 */
final class JsonReports {

    /** The upload belongs to the caller, who closes it. */
    /** Jackson names the source of a position it quotes, which says nothing to the sender; the position stays. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; (line: \\d+, column: \\d+)]");

    private static final JsonMapper MAPPER =
            JsonMapper.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    /** Reads the value the parser stands on, leaving it on that value's last token. */
    @FunctionalInterface
    interface ValueReader {
        void read(JsonParser json, String path) throws IOException, UnreadableScanException, ScanTooLargeException;
    }

    /** Reads one field's value, leaving the parser on that value's last token. */
    @FunctionalInterface
    interface FieldReader {
        void read(JsonParser json, String name) throws IOException, UnreadableScanException, ScanTooLargeException;
    }

    /** Answers what the fields read made of the report, once all were read. */
    @FunctionalInterface
    interface Finisher {
        ScanImport finish() throws UnreadableScanException;
    }

    private JsonReports() {}

    /** Reads an upload that must be one JSON object, handing each field to {@code fields}, then finishes. */
    static ScanImport read(InputStream input, String format, FieldReader fields, Finisher finisher)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        readObject(input, format, fields);
        return finisher.finish();
    }

    private static void readObject(InputStream input, String format, FieldReader fields)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        try (JsonParser json = MAPPER.createParser(input)) {
            JsonToken first = json.nextToken();
            if (first == null) {
                throw new UnreadableScanException("The file is empty; expected a " + format + " JSON report");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new UnreadableScanException(
                        "A " + format + " JSON report is one object; this file holds " + describe(first));
            }
            fields(json, "the report", fields);
            if (json.nextToken() != null) {
                throw new UnreadableScanException("The file goes on after the end of the report" + at(json));
            }
        } catch (JsonProcessingException e) {
            throw new UnreadableScanException(
                    "The file is not valid JSON: " + withoutSource(e.getOriginalMessage()) + at(e.getLocation()));
        }
    }

    static void fields(JsonParser json, String path, FieldReader reader)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        expect(json, JsonToken.START_OBJECT, path, "an object");
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            reader.read(json, name);
        }
    }

    /** Reads each element of an array, or nothing for null; answers how many there were. */
    static int elements(JsonParser json, String path, ValueReader reader)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return 0;
        }
        expect(json, JsonToken.START_ARRAY, path, "an array");
        int count = 0;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            reader.read(json, path + "[" + count + "]");
            count++;
        }
        return count;
    }

    /** A value that is not imported, only counted. */
    static void skip(JsonParser json, String path) throws IOException {
        json.skipChildren();
    }

    /** The object the parser stands on, read whole. */
    static JsonNode object(JsonParser json, String path) throws IOException, UnreadableScanException {
        expect(json, JsonToken.START_OBJECT, path, "an object");
        return json.readValueAsTree();
    }

    /** The object the parser stands on, read whole; null for a null. */
    static JsonNode optionalObject(JsonParser json, String path) throws IOException, UnreadableScanException {
        return json.currentToken() == JsonToken.VALUE_NULL ? null : object(json, path);
    }

    static String text(JsonParser json, String path) throws IOException, UnreadableScanException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(json, JsonToken.VALUE_STRING, path, "a string");
        return storable(json.getText(), path);
    }

    static int integer(JsonParser json, String path) throws IOException, UnreadableScanException {
        expect(json, JsonToken.VALUE_NUMBER_INT, path, "a whole number");
        return json.getIntValue();
    }

    /** A string field of an entry; null when absent or null, and when the entry itself is absent. */
    static String text(JsonNode entry, String field, String path) throws UnreadableScanException {
        JsonNode value = entry == null ? null : entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw mustBe(path + "." + field, "a string", value.asToken());
        }
        return storable(value.textValue(), path + "." + field);
    }

    /** PostgreSQL can hold no NUL in text: a value with one is refused, naming where it is. */
    static String storable(String text, String path) throws UnreadableScanException {
        if (text.indexOf('\0') >= 0) {
            throw new UnreadableScanException(path + " contains a NUL character");
        }
        return text;
    }

    static String requiredText(JsonNode entry, String field, String path) throws UnreadableScanException {
        String value = text(entry, field, path);
        if (value == null || value.isBlank()) {
            throw new UnreadableScanException(path + "." + field + " is missing");
        }
        return value;
    }

    /** An object field of an entry; null when absent or null. */
    static JsonNode object(JsonNode entry, String field, String path) throws UnreadableScanException {
        return container(entry, field, path, JsonToken.START_OBJECT, "an object");
    }

    /** An array field of an entry; null when absent or null. */
    static JsonNode array(JsonNode entry, String field, String path) throws UnreadableScanException {
        return container(entry, field, path, JsonToken.START_ARRAY, "an array");
    }

    private static JsonNode container(JsonNode entry, String field, String path, JsonToken start, String expected)
            throws UnreadableScanException {
        JsonNode value = entry == null ? null : entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.asToken() != start) {
            throw mustBe(path + "." + field, expected, value.asToken());
        }
        return value;
    }

    private static void expect(JsonParser json, JsonToken token, String path, String expected)
            throws UnreadableScanException {
        if (json.currentToken() != token) {
            throw mustBe(path, expected, json.currentToken());
        }
    }

    private static UnreadableScanException mustBe(String path, String expected, JsonToken found) {
        return new UnreadableScanException(path + " must be " + expected + ", not " + describe(found));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static String withoutSource(String message) {
        return SOURCE.matcher(String.valueOf(message)).replaceAll("[$1]");
    }

    private static String at(JsonParser json) {
        return at(json.currentLocation());
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
