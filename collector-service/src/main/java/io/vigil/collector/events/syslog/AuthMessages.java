package io.vigil.collector.events.syslog;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the messages of sshd, PAM, sudo and the shadow tools, the programs that write a Linux machine's auth log.
 * A message of any other kind is {@link MessageFacts#OTHER}: it is still an event, with its raw text.
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
            rule("^Disconnecting\\b", m -> auth(EventAction.Disconnected)));

    private static final List<Rule> PAM = List.of(
            rule("^pam_unix\\([^:)]+:auth\\): authentication failure;(.*)$", m -> {
                Map<String, String> fields = keyValues(m.group(1));
                return auth(EventAction.AuthenticationFailure)
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
                    "^(\\S+) : user NOT in sudoers\\b(?:.*; COMMAND=(.*))?$",
                    m -> privilege(EventAction.PrivilegeDenied)
                            .account(m.group(1))
                            .commandLine(m.group(2))),
            rule(
                    "^(\\S+) : \\d+ incorrect password attempts?",
                    m -> privilege(EventAction.PrivilegeDenied).account(m.group(1))),
            rule(
                    "^(\\S+) : (?:.*; )?COMMAND=(.*)$",
                    m -> privilege(EventAction.PrivilegeUsed)
                            .account(m.group(1))
                            .commandLine(m.group(2))));

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
            rule(
                    "^delete user '([^']+)'",
                    m -> MessageFacts.of(EventCategory.Account, EventAction.AccountDeleted)
                            .account(m.group(1))));

    private AuthMessages() {}

    static MessageFacts read(String program, String message) {
        String text = message.trim();
        Matcher repeated = REPEATED.matcher(text);
        if (repeated.matches()) {
            return read(program, repeated.group(2)).count(Integer.parseInt(repeated.group(1)));
        }
        MessageFacts facts = null;
        String name = program == null ? "" : program;
        if (name.startsWith("sshd")) {
            facts = firstMatch(SSHD, text);
        } else if (name.equals("sudo")) {
            facts = firstMatch(SUDO, text);
        } else if (name.equals("useradd")
                || name.equals("groupadd")
                || name.equals("usermod")
                || name.equals("userdel")
                || name.equals("gpasswd")) {
            facts = firstMatch(SHADOW, text);
        }
        if (facts == null) {
            facts = firstMatch(PAM, text);
        }
        return facts == null ? MessageFacts.OTHER : facts;
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
