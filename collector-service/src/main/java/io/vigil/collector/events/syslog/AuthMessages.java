package io.vigil.collector.events.syslog;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.events.NormalizedEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the messages of sshd, PAM, sudo and the shadow tools, the programs that write a Linux machine's auth log, and
 * ClamAV's findings and the host firewall's kernel lines too. A message of any other kind is still an event, of
 * category Other, with its raw text.
 */
final class AuthMessages {

    private static final Pattern REPEATED = Pattern.compile("^message repeated (\\d+) times: \\[\\s*(.*?)\\s*]$");

    private static final List<Rule> SSHD = List.of(
            // The user may be empty ("for invalid user  from"), hence \S* and not \S+.
            rule(
                    "^Failed (\\S+) for (?:invalid user )?(\\S*) from (\\S+) port (\\d+)",
                    m -> auth(EventAction.LogonFailed)
                            .account(m.group(2))
                            .source(m.group(3), m.group(4))
                            .logonType(m.group(1))),
            rule(
                    "^Accepted (\\S+) for (\\S+) from (\\S+) port (\\d+)",
                    m -> auth(EventAction.LogonSucceeded)
                            .account(m.group(2))
                            .source(m.group(3), m.group(4))
                            .logonType(m.group(1))),
            rule(
                    "^Invalid user (\\S*) from (\\S+)(?: port (\\d+))?",
                    m -> auth(EventAction.InvalidUser).account(m.group(1)).source(m.group(2), m.group(3))),
            rule(
                    "^Received disconnect from (\\S+) port (\\d+):",
                    m -> auth(EventAction.Disconnected).source(m.group(1), m.group(2))),
            // Older sshd: "from ADDR: CODE: text"; lazy, so an IPv6 address keeps its colons.
            rule(
                    "^Received disconnect from (\\S+?): \\d+:",
                    m -> auth(EventAction.Disconnected).source(m.group(1), null)),
            rule(
                    "^Disconnected from (?:(?:invalid |authenticating )?user (\\S+) )?(\\S+) port (\\d+)",
                    m -> auth(EventAction.Disconnected).account(m.group(1)).source(m.group(2), m.group(3))),
            // A client that connected and left without speaking SSH, as scanners do.
            rule(
                    "^Did not receive identification string from (\\S+?)(?: port (\\d+))?$",
                    m -> auth(EventAction.Disconnected).source(m.group(1), m.group(2))),
            rule(
                    "^Connection (?:closed|reset) by (?:(?:invalid |authenticating )?user (\\S+) )?(\\S+) port (\\d+)",
                    m -> auth(EventAction.Disconnected).account(m.group(1)).source(m.group(2), m.group(3))),
            // Newer sshd names the client it gives up on: "Disconnecting authenticating user root ADDR port N".
            rule(
                    "^Disconnecting (?:invalid |authenticating )?user (\\S+) (\\S+) port (\\d+)",
                    m -> auth(EventAction.Disconnected).account(m.group(1)).source(m.group(2), m.group(3))),
            // Older sshd names only the account; the client is the one of the session's earlier lines.
            rule(
                    "^Disconnecting: Too many authentication failures for (?:invalid user )?(\\S+)",
                    m -> auth(EventAction.Disconnected).account(m.group(1))),
            rule("^Disconnecting\\b", m -> auth(EventAction.Disconnected)));

    private static final List<Rule> PAM = List.of(
            rule("^pam_unix\\([^:)]+:auth\\): authentication failure;(.*)$", m -> {
                Map<String, String> fields = keyValues(m.group(1));
                return auth(EventAction.AuthenticationFailure)
                        .account(fields.get("user"))
                        .source(fields.get("rhost"), null);
            }),
            // At the end of a session PAM sums up the failures it did not log one by one: they count as many.
            rule("^PAM (\\d+) more authentication failures?;(.*)$", m -> {
                Integer count = repeatCount(m.group(1));
                if (count == null) {
                    return MessageFacts.refused(
                            "PAM's count of more failures must be from 1 to " + NormalizedEvent.MAX_COUNT);
                }
                Map<String, String> fields = keyValues(m.group(2));
                return auth(EventAction.AuthenticationFailure)
                        .count(count)
                        .account(fields.get("user"))
                        .source(fields.get("rhost"), null);
            }),
            rule(
                    "^pam_unix\\([^:)]+:session\\): session opened for user (\\S+)",
                    m -> auth(EventAction.SessionOpened).account(m.group(1))),
            rule(
                    "^pam_unix\\([^:)]+:session\\): session closed for user (\\S+)",
                    m -> auth(EventAction.SessionClosed).account(m.group(1))));

    private static final List<Rule> SUDO = List.of(
            rule(
                    "^(\\S+) : user NOT in sudoers\\b(?:.*; COMMAND=(.*)|.*)$",
                    m -> privilege(EventAction.PrivilegeDenied)
                            .account(m.group(1))
                            .commandLine(m.group(2))),
            rule(
                    "^(\\S+) : \\d+ incorrect password attempts?\\b(?:.*; COMMAND=(.*)|.*)$",
                    m -> privilege(EventAction.PrivilegeDenied)
                            .account(m.group(1))
                            .commandLine(m.group(2))),
            rule(
                    "^(\\S+) : (?:.*; )?COMMAND=(.*)$",
                    m -> privilege(EventAction.PrivilegeUsed)
                            .account(m.group(1))
                            .commandLine(m.group(2))));

    private static final Set<String> SHADOW_PROGRAMS = Set.of("useradd", "groupadd", "usermod", "userdel", "gpasswd");

    private static final List<Rule> SHADOW = List.of(
            rule(
                    "^new user: name=([^,\\s]+)",
                    m -> MessageFacts.of(EventCategory.Account, EventAction.AccountCreated)
                            .account(m.group(1))),
            rule(
                    "^new group: name=([^,\\s]+)",
                    m -> MessageFacts.of(EventCategory.Group, EventAction.GroupCreated)
                            .group(m.group(1))),
            rule(
                    "^add '([^']+)' to (?:shadow )?group '([^']+)'",
                    m -> MessageFacts.of(EventCategory.Group, EventAction.MemberAdded)
                            .account(m.group(1))
                            .group(m.group(2))),
            // gpasswd -a: "user bob added by root to group sudo".
            rule(
                    "^user (\\S+) added by \\S+ to group (\\S+)",
                    m -> MessageFacts.of(EventCategory.Group, EventAction.MemberAdded)
                            .account(m.group(1))
                            .group(m.group(2))),
            rule(
                    "^group added to /etc/group: name=([^,\\s]+)",
                    m -> MessageFacts.of(EventCategory.Group, EventAction.GroupCreated)
                            .group(m.group(1))),
            rule(
                    "^delete user '([^']+)'",
                    m -> MessageFacts.of(EventCategory.Account, EventAction.AccountDeleted)
                            .account(m.group(1))),
            // usermod: "change user 'bob' shell from '/bin/sh' to '/bin/bash'", "lock user 'bob' password", ...
            rule(
                    "^(?:change|lock|unlock) user (?:name )?'([^']+)'",
                    m -> MessageFacts.of(EventCategory.Account, EventAction.AccountChanged)
                            .account(m.group(1))));

    /** clamd and clamonacc: "/home/bob/eicar.com: Win.Test.EICAR_HDB-1 FOUND"; a signature may carry "(hash:size)". */
    private static final List<Rule> CLAMAV = List.of(rule(
            "^(.+): ([^\\s(]+)(?:\\([^)]*\\))? FOUND$",
            m -> MessageFacts.of(EventCategory.Antimalware, EventAction.MalwareDetected)
                    .file(m.group(1))
                    .threat(m.group(2))));

    /**
     * Netfilter's LOG and NFLOG lines as iptables, nftables, ufw and firewalld write them to the kernel log: an
     * optional uptime, the rule's prefix ({@code [UFW BLOCK]}, {@code FINAL_REJECT:}, ...), then {@code IN= OUT=} and
     * the packet's fields. A prefix that says the packet was let through makes a firewall event of its own kind;
     * anything else logged this way is a blocked connection, which is what firewalls are set up to log.
     */
    private static final Pattern NETFILTER =
            Pattern.compile("^(?:\\[\\s*\\d+\\.\\d+]\\s*)?(.*?)\\s*\\bIN=\\S* OUT=\\S*(.*)$");

    private static final Pattern ALLOWED_PREFIX = Pattern.compile("ALLOW|ACCEPT|AUDIT", Pattern.CASE_INSENSITIVE);

    private AuthMessages() {}

    static MessageFacts read(String program, String message) {
        String text = message.trim();
        Matcher repeated = REPEATED.matcher(text);
        if (repeated.matches()) {
            Integer count = repeatCount(repeated.group(1));
            return count == null
                    ? MessageFacts.refused("a repeated message must count from 1 to " + NormalizedEvent.MAX_COUNT)
                    : read(program, repeated.group(2)).count(count);
        }
        MessageFacts facts = null;
        String name = program == null ? "" : program;
        if (name.startsWith("sshd")) {
            facts = firstMatch(SSHD, text);
        } else if (name.equals("sudo")) {
            facts = firstMatch(SUDO, text);
        } else if (SHADOW_PROGRAMS.contains(name)) {
            facts = firstMatch(SHADOW, text);
        } else if (name.startsWith("clam")) {
            facts = firstMatch(CLAMAV, text);
        } else if (name.equals("kernel")) {
            facts = netfilter(text);
        }
        if (facts == null) {
            facts = firstMatch(PAM, text);
        }
        return facts == null ? MessageFacts.other() : facts;
    }

    /** The count of a repeated message when it is one an entry may stand for; null otherwise. */
    private static Integer repeatCount(String digits) {
        String significant = digits.replaceFirst("^0+", "");
        if (significant.isEmpty() || significant.length() > 7) {
            return null;
        }
        int count = Integer.parseInt(significant);
        return count <= NormalizedEvent.MAX_COUNT ? count : null;
    }

    private static MessageFacts netfilter(String text) {
        Matcher line = NETFILTER.matcher(text);
        if (!line.matches()) {
            return null;
        }
        Map<String, String> packet = keyValues(line.group(2));
        if (!packet.containsKey("SRC")) {
            return null;
        }
        EventAction action =
                ALLOWED_PREFIX.matcher(line.group(1)).find() ? EventAction.Other : EventAction.ConnectionBlocked;
        return MessageFacts.of(EventCategory.Firewall, action)
                .source(packet.get("SRC"), packet.get("SPT"))
                .destination(packet.get("DST"), packet.get("DPT"))
                .protocol(packet.get("PROTO"));
    }

    private static MessageFacts firstMatch(List<Rule> rules, String text) {
        for (Rule rule : rules) {
            Matcher matcher = rule.pattern().matcher(text);
            if (matcher.find()) {
                return rule.facts().apply(matcher);
            }
        }
        return null;
    }

    /** PAM writes "logname= uid=0 ... rhost=ADDR  user=root": empty values and double spaces are usual. */
    private static Map<String, String> keyValues(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String token : text.trim().split("\\s+")) {
            int equals = token.indexOf('=');
            if (equals > 0) {
                fields.put(token.substring(0, equals), token.substring(equals + 1));
            }
        }
        return fields;
    }

    private static MessageFacts auth(EventAction action) {
        return MessageFacts.of(EventCategory.Authentication, action);
    }

    private static MessageFacts privilege(EventAction action) {
        return MessageFacts.of(EventCategory.Privilege, action);
    }

    private static Rule rule(String regex, Function<Matcher, MessageFacts> facts) {
        return new Rule(Pattern.compile(regex), facts);
    }

    private record Rule(Pattern pattern, Function<Matcher, MessageFacts> facts) {}
}
