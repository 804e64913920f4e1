package io.vigil.collector.scan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.state.StateReport.Finding;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a Grype JSON report ({@code grype -o json}): each match is a finding. Matches Grype itself was told to ignore
 * are counted as skipped.
 */
public final class GrypeReader {

    private static final String PRODUCT = "grype";

    private final ScanImportBuilder scan = new ScanImportBuilder(PRODUCT);
    private boolean matches;
    private int ignoredMatches;

    private GrypeReader() {}

    public static ScanImport read(InputStream input)
            throws UnreadableScanException, ScanTooLargeException, IOException {
        GrypeReader reader = new GrypeReader();
        return JsonReports.read(input, "Grype", reader::reportField, reader::finish);
    }

    private void reportField(JsonParser json, String name)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        switch (name) {
            case "matches" -> {
                matches = true;
                JsonReports.elements(json, name, this::match);
            }
            case "ignoredMatches" -> ignoredMatches += JsonReports.elements(json, name, JsonReports::skip);
            case "descriptor" -> {
                JsonNode descriptor = JsonReports.object(json, name);
                scan.collectedAt(ScanValues.time(JsonReports.text(descriptor, "timestamp", name), name + ".timestamp"));
            }
            default -> json.skipChildren();
        }
    }

    private void match(JsonParser json, String path)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        JsonNode match = JsonReports.object(json, path);
        String vulnerabilityPath = path + ".vulnerability";
        JsonNode vulnerability = JsonReports.object(match, "vulnerability", path);
        if (vulnerability == null) {
            throw new UnreadableScanException(vulnerabilityPath + " is missing");
        }
        String artifactPath = path + ".artifact";
        JsonNode artifact = JsonReports.object(match, "artifact", path);
        String severity = JsonReports.text(vulnerability, "severity", vulnerabilityPath);
        scan.addFinding(
                new Finding(
                        JsonReports.requiredText(vulnerability, "id", vulnerabilityPath),
                        JsonReports.text(artifact, "name", artifactPath),
                        JsonReports.text(artifact, "version", artifactPath),
                        firstFixVersion(vulnerability, vulnerabilityPath),
                        ScanValues.severity(severity),
                        JsonReports.text(vulnerability, "description", vulnerabilityPath)),
                severity);
    }

    private static String firstFixVersion(JsonNode vulnerability, String path) throws UnreadableScanException {
        String fixPath = path + ".fix";
        JsonNode versions = JsonReports.array(JsonReports.object(vulnerability, "fix", path), "versions", fixPath);
        if (versions == null || versions.isEmpty()) {
            return null;
        }
        JsonNode first = versions.get(0);
        if (!first.isTextual()) {
            throw new UnreadableScanException(fixPath + ".versions[0] must be a string");
        }
        return ScanValues.blankToNull(JsonReports.withoutNul(first.textValue(), fixPath + ".versions[0]"));
    }

    private ScanImport finish() throws UnreadableScanException {
        if (!matches) {
            throw new UnreadableScanException("matches is missing, so this is not a Grype JSON report;"
                    + " expected the output of grype -o json");
        }
        scan.skip("match", "Grype's own configuration ignores it", ignoredMatches);
        return scan.build(true, false);
    }
}
