package io.vigil.collector.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The scanner report formats the collector takes, named as in {@code /scans?format=}. */
public enum ScanFormat {
    TRIVY,
    GRYPE,
    XCCDF;

    /** The format of a {@code format} parameter, in any case; empty for a name that is none of them. */
    public static Optional<ScanFormat> of(String name) {
        return Arrays.stream(values())
                .filter(format -> format.parameter().equalsIgnoreCase(name))
                .findFirst();
    }

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ScanImport read(InputStream input) throws UnreadableScanException, ScanTooLargeException, IOException {
        return switch (this) {
            case TRIVY -> TrivyReader.read(input);
            case GRYPE -> GrypeReader.read(input);
            case XCCDF -> XccdfReader.read(input);
        };
    }
}
