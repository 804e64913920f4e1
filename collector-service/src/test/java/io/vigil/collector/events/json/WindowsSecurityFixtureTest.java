package io.vigil.collector.events.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The facts that fixtures/README.md states for the WORKSTATION6 Security-channel sample. */
class WindowsSecurityFixtureTest {

    private static final String SAMPLE =
            "/fixtures/windows/security/WORKSTATION6_Windows_Security_2022-09-22T12313335.json";

    private static final JsonNode ELEMENTS = EventFiles.read(SAMPLE);
    private static final List<NormalizedEvent> EVENTS = StreamSupport.stream(ELEMENTS.spliterator(), false)
            .map(EventFiles::accepted)
            .toList();

    @Test
    void acceptsEveryOneOfTheThirtySevenEvents() {
        assertEquals(37, ELEMENTS.size());
        assertEquals(37, EVENTS.size());
    }

    @Test
    void keepsEachEventIdAsTheSampleCountsThem() {
        Map<Integer, Long> byEventId = EVENTS.stream()
                .collect(Collectors.groupingBy(
                        event -> EventFiles.json(event.raw()).get("EventID").asInt(), Collectors.counting()));

        assertEquals(Map.of(4658, 14L, 4656, 7L, 4690, 7L, 4663, 6L, 4673, 1L, 4688, 1L, 5158, 1L), byEventId);
        assertEquals(
                Map.of(EventAction.ProcessCreated, 1L, EventAction.Other, 36L),
                EVENTS.stream().collect(Collectors.groupingBy(NormalizedEvent::action, Collectors.counting())));
    }

    @Test
    void placesTheEventsBetweenTheirFirstAndLastTimeOnTheLabHost() {
        List<Instant> times =
                EVENTS.stream().map(NormalizedEvent::time).sorted().toList();

        assertEquals(Instant.parse("2022-09-22T12:31:14.259Z"), times.get(0));
        assertEquals(Instant.parse("2022-09-22T12:31:24.602Z"), times.get(times.size() - 1));
        assertEquals(Set.of("WORKSTATION6.mssentinel.local"), distinct(NormalizedEvent::host));
        assertEquals(Set.of("Security"), distinct(NormalizedEvent::program));
    }

    @Test
    void readsTheOnlyProcessCreationAsNotepadStartedByPowershell() {
        NormalizedEvent created = EVENTS.stream()
                .filter(event -> event.action() == EventAction.ProcessCreated)
                .findFirst()
                .orElseThrow();

        assertEquals(EventCategory.Process, created.category());
        assertEquals("C:\\Windows\\System32\\notepad.exe", created.process());
        assertEquals("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", created.parentProcess());
        assertEquals("\"C:\\Windows\\system32\\notepad.exe\"", created.commandLine());
        assertEquals("wardog", created.account());
    }

    @Test
    void namesTheLabAccountOnEveryEventButTheBind() {
        assertEquals(
                36, EVENTS.stream().filter(e -> "wardog".equals(e.account())).count());
    }

    @Test
    void keepsEachEventAsItsCompactJson() {
        for (int i = 0; i < EVENTS.size(); i++) {
            assertEquals(ELEMENTS.get(i), EventFiles.json(EVENTS.get(i).raw()));
            assertEquals(ELEMENTS.get(i).toString(), EVENTS.get(i).raw());
        }
    }

    private static Set<String> distinct(Function<NormalizedEvent, String> field) {
        return EVENTS.stream().map(field).collect(Collectors.toSet());
    }
}
