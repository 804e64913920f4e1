package io.vigil.collector.events.syslog;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;

/** What the text after a syslog header says, before it is joined with the header's time, host and program. */
record MessageFacts(
        EventCategory category,
        EventAction action,
        int count,
        String account,
        String sourceAddress,
        Integer sourcePort,
        String group,
        String commandLine,
        String logonType) {

    static final MessageFacts OTHER = of(EventCategory.Other, EventAction.Other);

    static MessageFacts of(EventCategory category, EventAction action) {
        return new MessageFacts(category, action, 1, null, null, null, null, null, null);
    }

    MessageFacts account(String value) {
        return new MessageFacts(
                category, action, count, blankToNull(value), sourceAddress, sourcePort, group, commandLine, logonType);
    }

    MessageFacts source(String address, String port) {
        Integer parsedPort = port == null ? null : Integer.valueOf(port);
        return new MessageFacts(
                category, action, count, account, blankToNull(address), parsedPort, group, commandLine, logonType);
    }

    MessageFacts group(String value) {
        return new MessageFacts(
                category,
                action,
                count,
                account,
                sourceAddress,
                sourcePort,
                blankToNull(value),
                commandLine,
                logonType);
    }

    MessageFacts commandLine(String value) {
        return new MessageFacts(
                category, action, count, account, sourceAddress, sourcePort, group, blankToNull(value), logonType);
    }

    MessageFacts logonType(String value) {
        return new MessageFacts(
                category, action, count, account, sourceAddress, sourcePort, group, commandLine, blankToNull(value));
    }

    MessageFacts count(int value) {
        return new MessageFacts(
                category, action, value, account, sourceAddress, sourcePort, group, commandLine, logonType);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
