package io.vigil.alert.detection;

import java.util.Locale;

/** The fields of an event that rules match on, group by, count or describe, by their API names. */
public enum EventField {
    PROGRAM("program"),
    SOURCE_ADDRESS("sourceAddress"),
    DESTINATION_PORT("destinationPort"),
    ACCOUNT("account"),
    GROUP("group"),
    /** The program a process ran: its path, or the first word of its command line when no path was given. */
    IMAGE("image"),
    COMMAND_LINE("commandLine"),
    LOGON_TYPE("logonType"),
    THREAT("threat"),
    FILE("file");

    private final String apiName;

    EventField(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** The field's value as text, or null when the event does not carry it. */
    public String of(ObservedEvent event) {
        String value = switch (this) {
            case PROGRAM -> event.program();
            case SOURCE_ADDRESS -> event.sourceAddress();
            case DESTINATION_PORT ->
                event.destinationPort() == null ? null : event.destinationPort().toString();
            case ACCOUNT -> event.account();
            case GROUP -> event.group();
            case IMAGE -> image(event);
            case COMMAND_LINE -> event.commandLine();
            case LOGON_TYPE -> event.logonType();
            case THREAT -> event.threat();
            case FILE -> event.file();
        };
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The value that decides whether two events are about the same thing: an address in its canonical spelling, any
     * other value without case; a missing value is empty.
     */
    public String keyOf(ObservedEvent event) {
        String value = of(event);
        if (value == null) {
            return "";
        }
        return this == SOURCE_ADDRESS ? Addresses.normalize(value) : value.toLowerCase(Locale.ROOT);
    }

    private static String image(ObservedEvent event) {
        if (event.process() != null && !event.process().isBlank()) {
            return event.process();
        }
        String commandLine = event.commandLine();
        if (commandLine == null || commandLine.isBlank()) {
            return null;
        }
        String text = commandLine.trim();
        if (text.startsWith("\"")) {
            int close = text.indexOf('"', 1);
            return close > 0 ? text.substring(1, close) : text.substring(1);
        }
        int space = text.indexOf(' ');
        return space > 0 ? text.substring(0, space) : text;
    }
}
