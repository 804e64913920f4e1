package io.vigil.collector.scan;

/**
 * The report holds more findings or rule results than one state report may carry. It is refused whole rather than cut,
 * so that a machine's state never silently loses part of a scan.
 */
public final class ScanTooLargeException extends Exception {

    public ScanTooLargeException(String message) {
        super(message);
    }
}
