package io.vigil.collector.scan;

/**
 * The upload is not a report of the format it was sent as: not JSON or XML, not the shape the scanner writes, or an
 * entry without its id. The message names the field or element at fault, so the sender can fix the upload; it carries
 * nothing of this code's internals.
 */
public final class UnreadableScanException extends Exception {

    public UnreadableScanException(String message) {
        super(message);
    }
}
