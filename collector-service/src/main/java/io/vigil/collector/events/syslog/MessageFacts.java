package io.vigil.collector.events.syslog;

import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;

/**
 * What the text after a syslog header says, before it is joined with the header's time, host and program. Each rule
 * that matches makes a fresh one and fills what its message carries; blank values stay absent.
 */
final class MessageFacts {

    private final EventCategory category;
    private final EventAction action;
    private String refusal;
    private int count = 1;
    private String account;
    private String sourceAddress;
    private Integer sourcePort;
    private String destinationAddress;
    private Integer destinationPort;
    private String protocol;
    private String group;
    private String commandLine;
    private String logonType;
    private String threat;
    private String file;

    private MessageFacts(EventCategory category, EventAction action) {
        this.category = category;
        this.action = action;
    }

    static MessageFacts of(EventCategory category, EventAction action) {
        return new MessageFacts(category, action);
    }

    static MessageFacts other() {
        return of(EventCategory.Other, EventAction.Other);
    }

    /** A message that is syslog but says something no event can hold; its line is refused for {@code reason}. */
    static MessageFacts refused(String reason) {
        MessageFacts facts = other();
        facts.refusal = reason;
        return facts;
    }

    MessageFacts account(String value) {
        account = blankToNull(value);
        return this;
    }

    MessageFacts source(String address, String port) {
        sourceAddress = blankToNull(address);
        sourcePort = port(port);
        return this;
    }

    MessageFacts destination(String address, String port) {
        destinationAddress = blankToNull(address);
        destinationPort = port(port);
        return this;
    }

    MessageFacts protocol(String value) {
        protocol = blankToNull(value);
        return this;
    }

    MessageFacts group(String value) {
        group = blankToNull(value);
        return this;
    }

    MessageFacts commandLine(String value) {
        commandLine = blankToNull(value);
        return this;
    }

    MessageFacts logonType(String value) {
        logonType = blankToNull(value);
        return this;
    }

    MessageFacts threat(String value) {
        threat = blankToNull(value);
        return this;
    }

    MessageFacts file(String value) {
        file = blankToNull(value);
        return this;
    }

    MessageFacts count(int value) {
        count = value;
        return this;
    }

    /** Why the line cannot be an event; null when it can. */
    String refusal() {
        return refusal;
    }

    EventCategory category() {
        return category;
    }

    EventAction action() {
        return action;
    }

    int count() {
        return count;
    }

    String account() {
        return account;
    }

    String sourceAddress() {
        return sourceAddress;
    }

    Integer sourcePort() {
        return sourcePort;
    }

    String destinationAddress() {
        return destinationAddress;
    }

    Integer destinationPort() {
        return destinationPort;
    }

    String protocol() {
        return protocol;
    }

    String group() {
        return group;
    }

    String commandLine() {
        return commandLine;
    }

    String logonType() {
        return logonType;
    }

    String threat() {
        return threat;
    }

    String file() {
        return file;
    }

    /** A port that is not a number from 0 to 65535 is left out rather than failing the line. */
    private static Integer port(String text) {
        if (text == null || text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int port = Integer.parseInt(text);
        return port <= 65_535 ? port : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
