package io.vigil.collector.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.common.state.StateReport.Finding;
import io.vigil.common.state.StateReport.RuleOutcome;
import io.vigil.common.state.StateReport.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Test inputs: the real samples under {@code fixtures/}, small named inputs under {@code scans/}. */
final class ScanFiles {

    /** What a refusal must never show the sender: exception class names or parser internals. */
    private static final Pattern INTERNALS =
            Pattern.compile("Exception|Feature|Source:|com\\.fasterxml|com\\.sun|javax\\.xml|ParseError");

    @FunctionalInterface
    interface Reader {
        ScanImport read(InputStream input) throws Exception;
    }

    private ScanFiles() {}

    /** The reader refuses the input as unreadable, with a message holding {@code expectedPart} and no internals. */
    static void assertUnreadable(Reader reader, InputStream input, String expectedPart) {
        UnreadableScanException refused = assertThrows(UnreadableScanException.class, () -> reader.read(input));
        assertTrue(refused.getMessage().contains(expectedPart), refused.getMessage());
        assertFalse(INTERNALS.matcher(refused.getMessage()).find(), refused.getMessage());
    }

    static Map<Severity, Integer> bySeverity(int high, int medium, int low) {
        return Map.of(Severity.High, high, Severity.Medium, medium, Severity.Low, low);
    }

    static InputStream open(String resource) {
        InputStream input = ScanFiles.class.getResourceAsStream("/" + resource);
        assertNotNull(input, resource + " is not on the test class path");
        return input;
    }

    static String text(String resource) {
        try (InputStream input = open(resource)) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream bytes(CharSequence text) {
        return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An upload whose connection breaks: reading it fails as input and output, not as a bad report. */
    static InputStream failingUpload() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
    }

    /** One line per finding, {@code package installed -> fixed cve severity}, to compare whole lists at once. */
    static List<String> describeFindings(ScanImport scan) {
        return scan.vulnerabilityAssessment().findings().stream()
                .map(ScanFiles::describe)
                .toList();
    }

    /** One line per rule result, {@code ruleId result severity}. */
    static List<String> describeRules(ScanImport scan) {
        return scan.baseline().results().stream().map(ScanFiles::describe).toList();
    }

    private static String describe(Finding finding) {
        return finding.packageName() + " " + finding.installedVersion() + " -> " + finding.fixedVersion() + " "
                + finding.cve() + " " + finding.severity();
    }

    private static String describe(RuleOutcome rule) {
        return rule.ruleId() + " " + rule.result() + " " + rule.severity();
    }
}
