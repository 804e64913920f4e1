package io.vigil.collector.events.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Account and group changes, ClamAV findings and host firewall lines, as Linux machines log them. */
class HostActivityLinesTest {

    private static final SyslogParser PARSER = new SyslogParser(ZoneOffset.UTC, Instant.parse("2026-12-03T12:00:00Z"));

    @Test
    void readsAccountAndGroupChangesOfTheShadowTools() throws IOException {
        List<NormalizedEvent> events = parse("accounts.log");

        assertEquals(
                List.of(
                        "Group GroupCreated - deploy",
                        "Group GroupCreated - deploy",
                        "Account AccountCreated deploy -",
                        "Group MemberAdded deploy sudo",
                        "Group MemberAdded deploy sudo",
                        "Group MemberAdded deploy wheel",
                        "Account AccountChanged deploy -",
                        "Account AccountChanged deploy -",
                        "Account AccountDeleted deploy -"),
                events.stream()
                        .map(e -> e.category() + " " + e.action() + " " + dash(e.account()) + " " + dash(e.group()))
                        .toList());
    }

    @Test
    void readsClamAvFindingsWithTheFileAndTheSignature() throws IOException {
        List<NormalizedEvent> events = parse("clamav.log");

        NormalizedEvent eicar = events.get(0);
        assertEquals(EventCategory.Antimalware, eicar.category());
        assertEquals(EventAction.MalwareDetected, eicar.action());
        assertEquals("Win.Test.EICAR_HDB-1", eicar.threat());
        assertEquals("/home/bob/Downloads/eicar.com", eicar.file());
        assertEquals("clamd", eicar.program());
        NormalizedEvent mirai = events.get(1);
        assertEquals("Unix.Trojan.Mirai-7100807-0", mirai.threat());
        assertEquals("/tmp/payload dir/dropper.sh", mirai.file());
        assertEquals(EventAction.Other, events.get(2).action());
    }

    @Test
    void readsBlockedConnectionsOfUfwNftablesAndFirewalld() throws IOException {
        List<NormalizedEvent> events = parse("firewall.log");

        assertEquals(
                List.of(
                        "ConnectionBlocked 203.0.113.50:41523 -> 10.0.0.4:3389/TCP",
                        "ConnectionBlocked 2001:db8::66:50022 -> 2001:db8::4:23/TCP",
                        "ConnectionBlocked 203.0.113.51:53001 -> 10.0.0.4:161/UDP",
                        "ConnectionBlocked 203.0.113.52:60000 -> 10.0.0.4:5900/TCP",
                        "Other 198.51.100.7:55000 -> 10.0.0.4:22/TCP",
                        "ConnectionBlocked 203.0.113.53:null -> 10.0.0.4:null/ICMP"),
                events.subList(0, 6).stream()
                        .map(HostActivityLinesTest::connection)
                        .toList());
        events.subList(0, 6).forEach(e -> assertEquals(EventCategory.Firewall, e.category()));
    }

    @Test
    void keepsTheRemotePeerOfABlockedOutboundPacketAsItsDestination() throws IOException {
        NormalizedEvent outbound = parse("firewall.log").get(7);

        assertEquals("ConnectionBlocked 10.0.0.4:51000 -> 198.51.100.53:53/UDP", connection(outbound));
        assertEquals(EventCategory.Firewall, outbound.category());
    }

    /** Netfilter writes IPv6 addresses in full; the collector keeps them so, and alert-service compares them compact. */
    @Test
    void keepsIpv6AddressesAsNetfilterWritesThem() throws IOException {
        NormalizedEvent inbound = parse("firewall.log").get(8);

        assertEquals(
                "ConnectionBlocked 2001:0db8:0000:0000:0000:0000:0000:0066:50023"
                        + " -> 2001:0db8:0000:0000:0000:0000:0000:0004:22/TCP",
                connection(inbound));
    }

    @Test
    void keepsOtherKernelLinesAsOther() throws IOException {
        NormalizedEvent link = parse("firewall.log").get(6);

        assertEquals(EventCategory.Other, link.category());
        assertNull(link.sourceAddress());
        assertNull(link.destinationAddress());
    }

    @Test
    void leavesOutAPortThatIsNoPort() {
        SyslogResult result = PARSER.parse("Dec  1 11:00:00 web01 kernel: [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.9"
                + " DST=10.0.0.4 PROTO=TCP SPT=99999 DPT=22x");

        NormalizedEvent event =
                assertInstanceOf(SyslogResult.Accepted.class, result).event();
        assertEquals(EventAction.ConnectionBlocked, event.action());
        assertNull(event.sourcePort());
        assertNull(event.destinationPort());
    }

    private static String connection(NormalizedEvent e) {
        return e.action() + " " + e.sourceAddress() + ":" + e.sourcePort() + " -> " + e.destinationAddress() + ":"
                + e.destinationPort() + "/" + e.protocol();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private static List<NormalizedEvent> parse(String name) throws IOException {
        try (InputStream in = HostActivityLinesTest.class.getResourceAsStream("/events/syslog/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(PARSER::parse)
                    .map(result -> assertInstanceOf(SyslogResult.Accepted.class, result, result::toString)
                            .event())
                    .toList();
        }
    }
}
