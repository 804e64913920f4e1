package io.vigil.alert.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.alert.detection.Addresses;
import io.vigil.alert.detection.ObservedEvent;
import io.vigil.common.events.NormalizedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Test inputs under {@code src/test/resources}: logs, and files of normalized events as the collector delivers them
 * (the fields its parsers give, with the real line or Windows event as {@code raw}).
 */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private Fixtures() {}

    public static String text(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JSON array of normalized events, each with an id of its own as the collector gives every event it takes, so
     * that tests may deliver the same file to many machines.
     */
    public static List<NormalizedEvent> events(String resource) {
        try {
            List<NormalizedEvent> events = JSON.readValue(text(resource), new TypeReference<>() {});
            return events.stream().map(Fixtures::withNewId).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NormalizedEvent withNewId(NormalizedEvent event) {
        return new NormalizedEvent(
                UUID.randomUUID(),
                event.time(),
                event.category(),
                event.action(),
                event.count(),
                event.host(),
                event.program(),
                event.sourceAddress(),
                event.sourcePort(),
                event.destinationPort(),
                event.protocol(),
                event.account(),
                event.group(),
                event.process(),
                event.parentProcess(),
                event.commandLine(),
                event.logonType(),
                event.threat(),
                event.file(),
                event.raw());
    }

    /** What a detection sees of a normalized event stored for the machine. */
    public static ObservedEvent observed(String machineKey, NormalizedEvent event) {
        return new ObservedEvent(
                event.id(),
                machineKey,
                event.time(),
                event.category(),
                event.action(),
                Math.max(1, event.count()),
                event.program(),
                Addresses.normalize(event.sourceAddress()),
                event.destinationPort(),
                event.account(),
                event.group(),
                event.process(),
                event.commandLine(),
                event.logonType(),
                event.threat(),
                event.file());
    }

    public static List<ObservedEvent> observed(String machineKey, List<NormalizedEvent> events) {
        return events.stream().map(event -> observed(machineKey, event)).toList();
    }
}
