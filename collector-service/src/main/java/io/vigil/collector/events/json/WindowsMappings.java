package io.vigil.collector.events.json;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.util.Locale;

/**
 * Turns the Windows events that detections look at into categories, actions and fields: Security-channel logons,
 * process creation, account and group changes, the log being cleared, Windows Filtering Platform blocks, and
 * Microsoft Defender findings. An event of any other id is still an event, of category Other.
 */
final class WindowsMappings {

    /** How Windows Filtering Platform events record an inbound {@code Direction} before it is rendered as text. */
    private static final String INBOUND_CODE = "%%14592";

    private static final String IPV4_MAPPED_PREFIX = "::ffff:";

    private WindowsMappings() {}

    static EventDraft draft(WindowsEvent event) {
        EventDraft draft = new EventDraft();
        draft.time = event.time();
        draft.host = event.host();
        draft.program = event.program();
        if (event.fromDefender()) {
            defender(event, draft);
        } else {
            security(event, draft);
        }
        return draft;
    }

    private static void security(WindowsEvent event, EventDraft draft) {
        switch (event.id()) {
            case 4624 -> logon(event, draft.kind(EventCategory.Authentication, EventAction.LogonSucceeded));
            case 4625 -> logon(event, draft.kind(EventCategory.Authentication, EventAction.LogonFailed));
            case 4688 -> processCreated(event, draft.kind(EventCategory.Process, EventAction.ProcessCreated));
            case 4720 -> targetAccount(event, draft.kind(EventCategory.Account, EventAction.AccountCreated));
            case 4722 -> targetAccount(event, draft.kind(EventCategory.Account, EventAction.AccountEnabled));
            case 4726 -> targetAccount(event, draft.kind(EventCategory.Account, EventAction.AccountDeleted));
            case 4728, 4732, 4756 -> memberAdded(event, draft.kind(EventCategory.Group, EventAction.MemberAdded));
            case 1102 -> subject(event, draft.kind(EventCategory.Audit, EventAction.LogCleared));
            case 5152, 5157 -> blocked(event, draft.kind(EventCategory.Firewall, EventAction.ConnectionBlocked));
            default -> other(event, draft);
        }
    }

    private static void defender(WindowsEvent event, EventDraft draft) {
        switch (event.id()) {
            case 1116 -> malware(event, draft.kind(EventCategory.Antimalware, EventAction.MalwareDetected));
            case 1117 -> malware(event, draft.kind(EventCategory.Antimalware, EventAction.MalwareActionTaken));
            case 5001, 5010, 5012 -> draft.kind(EventCategory.Antimalware, EventAction.ProtectionDisabled);
            default -> other(event, draft);
        }
    }

    /** The user name is empty on a 4625 for a name the machine could not resolve: still a failed logon. */
    private static void logon(WindowsEvent event, EventDraft draft) {
        draft.account = event.name("TargetUserName");
        draft.sourceAddress = address(event.name("IpAddress"));
        draft.sourcePort = event.port("IpPort");
        draft.logonType = numberText(event.name("LogonType"));
        draft.process = event.name("ProcessName");
    }

    private static void processCreated(WindowsEvent event, EventDraft draft) {
        draft.process = event.name("NewProcessName");
        draft.parentProcess = event.name("ParentProcessName");
        draft.commandLine = event.longText("CommandLine");
        draft.account = event.name("SubjectUserName");
    }

    private static void targetAccount(WindowsEvent event, EventDraft draft) {
        draft.account = event.name("TargetUserName");
    }

    /** A group's own name is its target; a member of a local group is often known by its SID alone, named {@code -}. */
    private static void memberAdded(WindowsEvent event, EventDraft draft) {
        String member = event.name("MemberName");
        draft.group = event.name("TargetUserName");
        draft.account = member != null ? member : event.name("MemberSid");
    }

    /** Who did it; on 1102 the name is under UserData, which {@link WindowsEvent} reads as data too. */
    private static void subject(WindowsEvent event, EventDraft draft) {
        draft.account = event.name("SubjectUserName");
    }

    private static void malware(WindowsEvent event, EventDraft draft) {
        draft.threat = event.name("Threat Name");
        draft.file = event.name("Path");
        draft.process = event.name("Process Name");
        draft.account = event.name("Detection User");
    }

    /**
     * Windows Filtering Platform events name the local end "source" and the remote end "destination" whichever way the
     * connection went; an inbound one is turned round so that the source is the side that opened it, as a port scan
     * detection needs, and the destination the side it was opened to: the remote peer of an outbound one.
     */
    private static void blocked(WindowsEvent event, EventDraft draft) {
        boolean inbound = isInbound(event.name("Direction"));
        draft.sourceAddress = address(event.name(inbound ? "DestAddress" : "SourceAddress"));
        draft.sourcePort = event.port(inbound ? "DestPort" : "SourcePort");
        draft.destinationAddress = address(event.name(inbound ? "SourceAddress" : "DestAddress"));
        draft.destinationPort = event.port(inbound ? "SourcePort" : "DestPort");
        draft.protocol = protocol(event.name("Protocol"));
        draft.process = event.name("Application");
    }

    private static void other(WindowsEvent event, EventDraft draft) {
        String process = event.name("NewProcessName");
        subject(event, draft);
        draft.process = process != null ? process : event.name("ProcessName");
    }

    private static boolean isInbound(String direction) {
        return INBOUND_CODE.equals(direction) || "Inbound".equalsIgnoreCase(direction);
    }

    /** Windows writes an IPv4 peer of a dual-stack socket as {@code ::ffff:a.b.c.d}; syslog and rules use a.b.c.d. */
    private static String address(String address) {
        if (address != null && address.toLowerCase(Locale.ROOT).startsWith(IPV4_MAPPED_PREFIX)) {
            String rest = address.substring(IPV4_MAPPED_PREFIX.length());
            return rest.indexOf('.') > 0 && rest.indexOf(':') < 0 ? rest : address;
        }
        return address;
    }

    /** IANA protocol numbers; the three that firewall rules name are written as names. */
    private static String protocol(String number) {
        String text = numberText(number);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "1" -> "ICMP";
            case "6" -> "TCP";
            case "17" -> "UDP";
            default -> text;
        };
    }

    /** Digits without leading zeros ({@code "03"} is logon type 3); text that is not a number is kept as it is. */
    private static String numberText(String value) {
        Integer number = JsonValues.shortNumber(value);
        return number == null ? value : number.toString();
    }
}
