package io.vigil.collector.events.json;

import static io.vigil.collector.events.json.EventFiles.accepted;
import static io.vigil.collector.events.json.EventFiles.describe;
import static io.vigil.collector.events.json.EventFiles.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.NormalizedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowsEventMappingTest {

    private static final String DIR = "/events/windows/";
    private static final String DEFENDER_CHANNEL = "Microsoft-Windows-Windows Defender/Operational";
    private static final String EICAR_BY_EXPLORER =
            "account=EXAMPLE\\alice process=C:\\Windows\\explorer.exe threat=Virus:DOS/EICAR_Test_File"
                    + " file=file:_C:\\Users\\alice\\Downloads\\eicar.com";

    /**
     * The rows: a remote desktop logon (flat); a failed network logon (nested, EventID as an object, EventData as a
     * Data array); a failed logon with an empty user name from IPv6, at +02:00; a time without a zone; EventData as
     * names and values; PowerShell's date and property names, with a port out of range.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "4624-flat-rdp-logon.json | 2026-12-01T10:15:30.1234567Z | Authentication/LogonSucceeded"
                        + " sourceAddress=198.51.100.10 sourcePort=51234 account=alice"
                        + " process=C:\\Windows\\System32\\svchost.exe logonType=10",
                "4625-nested-network-logon.json | 2026-12-01T10:00:00Z | Authentication/LogonFailed"
                        + " sourceAddress=203.0.113.20 sourcePort=40022 account=administrator logonType=3",
                "4625-flat-empty-user.json | 2026-12-01T10:00:00Z | Authentication/LogonFailed"
                        + " sourceAddress=2001:db8::77 logonType=3",
                "4624-flat-time-without-zone.json | 2026-12-01T10:00:00.123Z | Authentication/LogonSucceeded"
                        + " account=carol logonType=5",
                "4624-nested-eventdata-object.json | 2026-12-01T10:20:00Z | Authentication/LogonSucceeded"
                        + " sourceAddress=127.0.0.1 sourcePort=0 account=bob"
                        + " process=C:\\Windows\\System32\\svchost.exe logonType=2",
                "4625-flat-powershell-date.json | 2022-09-22T12:31:14.259Z | Authentication/LogonFailed"
                        + " sourceAddress=203.0.113.40 account=guest logonType=3"
            })
    void readsALogonFromEitherFormWithItsTimeInUtc(String file, Instant time, String description) {
        NormalizedEvent event = accepted(DIR + file);

        assertEquals(description, describe(event));
        assertEquals(time, event.time());
    }

    /** Some exports write the offset without a colon ({@code +0100}); it is read like {@code +01:00}. */
    @Test
    void readsATimeWhoseOffsetHasNoColon() {
        ObjectNode element = (ObjectNode) EventFiles.read(DIR + "4624-flat-rdp-logon.json");
        element.put("TimeCreated", "2026-12-01T11:15:30.5+0100");

        assertEquals(
                Instant.parse("2026-12-01T10:15:30.500Z"), accepted(element).time());
    }

    @Test
    void countsAFailedLogonWithAnEmptyUserNameAndDropsAPortOfDash() {
        NormalizedEvent event = accepted(DIR + "4625-flat-empty-user.json");

        assertNull(event.account());
        assertNull(event.sourcePort());
        assertEquals(EventAction.LogonFailed, event.action());
    }

    @Test
    void namesTheMachineAndChannelOfAnEventInEitherFormOrInPowershellNames() {
        List<NormalizedEvent> events = List.of(
                accepted(DIR + "4624-flat-rdp-logon.json"),
                accepted(DIR + "4625-nested-network-logon.json"),
                accepted(DIR + "4625-flat-powershell-date.json"));

        for (NormalizedEvent event : events) {
            assertEquals("win01.example.com Security", event.host() + " " + event.program());
        }
    }

    @Test
    void readsAProcessCreationFromTheFlatForm() {
        assertEquals(
                "Process/ProcessCreated account=alice process=C:\\Windows\\System32\\cmd.exe"
                        + " parentProcess=C:\\Windows\\explorer.exe commandLine=cmd.exe /c whoami",
                describe(accepted(DIR + "4688-flat-process.json")));
    }

    @Test
    void readsAProcessCreationFromDataItemsWithNameAndValue() {
        assertEquals(
                "Process/ProcessCreated account=alice"
                        + " process=C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
                        + " parentProcess=C:\\Windows\\System32\\cmd.exe"
                        + " commandLine=powershell.exe -NoProfile -EncodedCommand dwBoAG8AYQBtAGkA",
                describe(accepted(DIR + "4688-nested-process.json")));
    }

    @ParameterizedTest
    @CsvSource({
        "4720-flat-account-created.json, Account/AccountCreated account=backdoor",
        "4720-nested-account-created.json, Account/AccountCreated account=svc-backup",
        "4722-nested-account-enabled.json, Account/AccountEnabled account=backdoor",
        "4722-flat-account-enabled.json, Account/AccountEnabled account=svc-backup",
        "4726-flat-account-deleted.json, Account/AccountDeleted account=backdoor",
        "4726-nested-account-deleted.json, Account/AccountDeleted account=svc-backup"
    })
    void readsTheAccountThatWasCreatedEnabledOrDeleted(String file, String expected) {
        assertEquals(expected, describe(accepted(DIR + file)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "4732-nested-member-added-by-sid.json | Group/MemberAdded"
                        + " account=S-1-5-21-1111111111-2222222222-3333333333-1005 group=Administrators",
                "4728-flat-member-added.json | Group/MemberAdded account=CN=bob,CN=Users,DC=example,DC=com"
                        + " group=Domain Admins",
                "4756-flat-member-added.json | Group/MemberAdded account=CN=bob,CN=Users,DC=example,DC=com"
                        + " group=Enterprise Admins",
                "4732-flat-member-added.json | Group/MemberAdded"
                        + " account=S-1-5-21-1111111111-2222222222-3333333333-1010 group=Remote Desktop Users",
                "4728-nested-member-added.json | Group/MemberAdded account=CN=carol,CN=Users,DC=example,DC=com"
                        + " group=Domain Admins",
                "4756-nested-member-added.json | Group/MemberAdded account=CN=carol,CN=Users,DC=example,DC=com"
                        + " group=Enterprise Admins"
            })
    void readsTheMemberAndTheGroupItWasAddedToNamingALocalMemberBySid(String file, String expected) {
        assertEquals(expected, describe(accepted(DIR + file)));
    }

    @ParameterizedTest
    @CsvSource({"1102-nested-log-cleared.json", "1102-flat-log-cleared.json"})
    void readsWhoClearedTheSecurityLogFromUserData(String file) {
        NormalizedEvent event = accepted(DIR + file);

        assertEquals("Audit/LogCleared account=mallory", describe(event));
        assertEquals("Security", event.program());
    }

    @Test
    void readsAMalwareDetectionFromDefenderDataNamesWithSpaces() {
        NormalizedEvent event = accepted(DIR + "defender-1116-nested.json");

        assertEquals("Antimalware/MalwareDetected " + EICAR_BY_EXPLORER, describe(event));
        assertEquals(DEFENDER_CHANNEL, event.program());
    }

    @Test
    void readsTheActionDefenderTookOnMalware() {
        assertEquals(
                "Antimalware/MalwareActionTaken " + EICAR_BY_EXPLORER,
                describe(accepted(DIR + "defender-1117-flat.json")));
    }

    @ParameterizedTest
    @CsvSource({
        "defender-5001-flat.json, " + DEFENDER_CHANNEL,
        "defender-5010-nested.json, " + DEFENDER_CHANNEL,
        "defender-5012-provider-only.json, Microsoft-Windows-Windows Defender"
    })
    void readsDefenderProtectionBeingSwitchedOff(String file, String program) {
        NormalizedEvent event = accepted(DIR + file);

        assertEquals("Antimalware/ProtectionDisabled", describe(event));
        assertEquals(program, event.program());
    }

    @Test
    void keepsADefenderIdOutsideDefenderAsOther() {
        assertEquals("Other/Other account=alice", describe(accepted(DIR + "security-1116-not-defender.json")));
    }

    @Test
    void takesTheRemoteEndOfAnInboundBlockedConnectionAsItsSource() {
        assertEquals(
                "Firewall/ConnectionBlocked sourceAddress=203.0.113.30 sourcePort=50123 destinationAddress=10.0.0.4"
                        + " destinationPort=3389 protocol=TCP process=System",
                describe(accepted(DIR + "wfp-5157-nested-inbound.json")));
    }

    @Test
    void readsAnOutboundDroppedPacketAndDropsAPortOutOfRange() {
        assertEquals(
                "Firewall/ConnectionBlocked sourceAddress=10.0.0.4 destinationAddress=198.51.100.53 destinationPort=53"
                        + " protocol=UDP"
                        + " process=\\device\\harddiskvolume2\\users\\alice\\appdata\\local\\temp\\beacon.exe",
                describe(accepted(DIR + "wfp-5152-flat-outbound.json")));
    }

    @Test
    void readsAnOutboundDroppedPacketFromTheNestedFormWithItsRemotePeerAsPlainIpv4() {
        NormalizedEvent event = accepted(DIR + "wfp-5152-nested-outbound-mapped.json");

        assertEquals(
                "Firewall/ConnectionBlocked sourceAddress=10.0.0.4 sourcePort=51000 destinationAddress=198.51.100.60"
                        + " destinationPort=443 protocol=TCP"
                        + " process=\\device\\harddiskvolume2\\users\\alice\\appdata\\local\\temp\\beacon.exe",
                describe(event));
        assertEquals(Instant.parse("2026-12-01T15:00:03Z"), event.time());
    }

    /**
     * Every Security-channel id the mappings read, once as a flat export and once nested as the event's XML: both
     * forms give the same kind of event.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "4624, 4624-flat-rdp-logon.json, 4624-nested-eventdata-object.json, Authentication/LogonSucceeded",
        "4625, 4625-flat-empty-user.json, 4625-nested-network-logon.json, Authentication/LogonFailed",
        "4688, 4688-flat-process.json, 4688-nested-process.json, Process/ProcessCreated",
        "4720, 4720-flat-account-created.json, 4720-nested-account-created.json, Account/AccountCreated",
        "4722, 4722-flat-account-enabled.json, 4722-nested-account-enabled.json, Account/AccountEnabled",
        "4726, 4726-flat-account-deleted.json, 4726-nested-account-deleted.json, Account/AccountDeleted",
        "4728, 4728-flat-member-added.json, 4728-nested-member-added.json, Group/MemberAdded",
        "4732, 4732-flat-member-added.json, 4732-nested-member-added-by-sid.json, Group/MemberAdded",
        "4756, 4756-flat-member-added.json, 4756-nested-member-added.json, Group/MemberAdded",
        "1102, 1102-flat-log-cleared.json, 1102-nested-log-cleared.json, Audit/LogCleared",
        "5152, wfp-5152-flat-outbound.json, wfp-5152-nested-outbound-mapped.json, Firewall/ConnectionBlocked",
        "5157, wfp-5157-flat-without-direction.json, wfp-5157-nested-inbound.json, Firewall/ConnectionBlocked"
    })
    void readsEveryMappedIdFromTheFlatAndTheNestedForm(int id, String flat, String nested, String kind) {
        JsonNode flatElement = EventFiles.read(DIR + flat);
        JsonNode nestedElement = EventFiles.read(DIR + nested);

        assertEquals(id, flatElement.get("EventID").asInt(), flat + " is the flat form of " + id);
        assertEquals(
                id,
                eventId(nestedElement.get("Event").get("System").get("EventID")),
                nested + " is the nested form of " + id);
        assertEquals(kind, kindOf(accepted(flatElement)));
        assertEquals(kind, kindOf(accepted(nestedElement)));
    }

    @Test
    void readsABlockedConnectionWithoutDirectionAsWritten() {
        assertEquals(
                "Firewall/ConnectionBlocked sourceAddress=203.0.113.31 sourcePort=0 protocol=ICMP",
                describe(accepted(DIR + "wfp-5157-flat-without-direction.json")));
    }

    @Test
    void keepsAnUnknownIdAsOtherWithItsSubjectProcessAndRawText() {
        NormalizedEvent event = accepted(DIR + "4663-flat-unknown-id.json");

        assertEquals("Other/Other account=alice process=C:\\Windows\\System32\\notepad.exe", describe(event));
        assertEquals(EventFiles.read(DIR + "4663-flat-unknown-id.json").toString(), event.raw());
    }

    @Test
    void ignoresGarbageInFieldsThatNoMappingReads() {
        assertEquals(
                "Authentication/LogonFailed", describe(accepted(entry(DIR + "malformed.json", "garbageWhereNotRead"))));
    }

    @Test
    void givesEveryEventItsOwnId() {
        NormalizedEvent first = accepted(DIR + "4688-flat-process.json");
        NormalizedEvent second = accepted(DIR + "4688-flat-process.json");

        assertEquals(2, List.of(first.id(), second.id()).stream().distinct().count());
    }

    /** A number, or an XML element with attributes whose text is the number. */
    private static int eventId(JsonNode node) {
        return node.isObject() ? node.get("#text").asInt() : node.asInt();
    }

    private static String kindOf(NormalizedEvent event) {
        return event.category() + "/" + event.action();
    }
}
