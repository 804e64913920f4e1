package io.vigil.collector.events.json;

/**
 * Thrown while reading an element that cannot be an event; {@link JsonEventParser} turns it into a rejection, so it
 * never leaves this package. It carries no stack trace: it is an answer to bad input, not a fault.
 */
final class InvalidEntry extends RuntimeException {

    InvalidEntry(String reason) {
        super(reason, null, false, false);
    }
}
