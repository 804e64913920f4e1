package io.vigil.collector.events.json;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.events.NormalizedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Set;
import java.util.StringJoiner;

/** Test inputs under {@code src/test/resources}, and one parser that received them all at the same time. */
final class EventFiles {

    static final Instant RECEIVED = Instant.parse("2026-12-03T12:00:00Z");
    static final JsonEventParser PARSER = new JsonEventParser(RECEIVED);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> NOT_DESCRIBED =
            Set.of("id", "time", "category", "action", "count", "host", "program", "raw");

    private EventFiles() {}

    static JsonNode read(String path) {
        try (InputStream in = EventFiles.class.getResourceAsStream(path)) {
            assertNotNull(in, "no test resource " + path);
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One named entry of a file that holds an object of name to entry. */
    static JsonNode entry(String path, String name) {
        JsonNode entry = read(path).get(name);
        assertNotNull(entry, "no entry " + name + " in " + path);
        return entry;
    }

    static NormalizedEvent accepted(String path) {
        return accepted(read(path));
    }

    static NormalizedEvent accepted(JsonNode element) {
        return assertInstanceOf(JsonEventResult.Accepted.class, PARSER.parse(element))
                .event();
    }

    /**
     * What a mapping filled in: category and action, the count when it is not 1, then each other field that is set,
     * as {@code name=value} in the record's order. Time, host, program and raw text are left to their own asserts.
     */
    static String describe(NormalizedEvent event) {
        StringJoiner text = new StringJoiner(" ");
        text.add(event.category() + "/" + event.action());
        if (event.count() != 1) {
            text.add("count=" + event.count());
        }
        for (RecordComponent component : NormalizedEvent.class.getRecordComponents()) {
            Object value = valueOf(component, event);
            if (value != null && !NOT_DESCRIBED.contains(component.getName())) {
                text.add(component.getName() + "=" + value);
            }
        }
        return text.toString();
    }

    static String rejected(JsonNode element) {
        return assertInstanceOf(JsonEventResult.Rejected.class, PARSER.parse(element))
                .reason();
    }

    private static Object valueOf(RecordComponent component, NormalizedEvent event) {
        try {
            return component.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
