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
    private String targetName;
    private String targetType;
    private String operatingSystem;

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
                scan.productVersion(ScanValues.blankToNull(JsonReports.text(descriptor, "version", name)));
            }
            case "source" -> source(JsonReports.optionalObject(json, name), name);
            case "distro" -> distro(JsonReports.optionalObject(json, name), name);
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
        JsonNode fix = JsonReports.object(vulnerability, "fix", vulnerabilityPath);
        boolean added = scan.addFinding(
                new Finding(
                        JsonReports.requiredText(vulnerability, "id", vulnerabilityPath),
                        JsonReports.text(artifact, "name", artifactPath),
                        JsonReports.text(artifact, "version", artifactPath),
                        firstFixVersion(vulnerability, vulnerabilityPath),
                        ScanValues.severity(severity),
                        JsonReports.text(vulnerability, "description", vulnerabilityPath)),
                severity,
                JsonReports.text(fix, "state", vulnerabilityPath + ".fix"));
        if (added) {
            scan.countPackageType(JsonReports.text(artifact, "type", artifactPath), 1);
        }
    }

    /**
     * What was scanned: {@code source.type} ({@code directory}, {@code image}, {@code file}, ...) and its
     * {@code target}, a name or, for an image, an object whose {@code userInput} is the name it was asked for by.
     */
    private void source(JsonNode source, String path) throws UnreadableScanException {
        if (source == null) {
            return;
        }
        JsonNode target = source.get("target");
        targetName = target != null && target.isObject()
                ? JsonReports.text(target, "userInput", path + ".target")
                : JsonReports.text(source, "target", path);
        targetType = JsonReports.text(source, "type", path);
    }

    /** {@code distro}: the operating system Grype found, with blank names when it found none. */
    private void distro(JsonNode found, String path) throws UnreadableScanException {
        if (found == null) {
            return;
        }
        String name = ScanValues.blankToNull(JsonReports.text(found, "name", path));
        String version = ScanValues.blankToNull(JsonReports.text(found, "version", path));
        operatingSystem = name == null ? null : version == null ? name : name + " " + version;
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
        return ScanValues.blankToNull(JsonReports.storable(first.textValue(), fixPath + ".versions[0]"));
    }

    private ScanImport finish() throws UnreadableScanException {
        if (!matches) {
            throw new UnreadableScanException("matches is missing, so this is not a Grype JSON report;"
                    + " expected the output of grype -o json");
        }
        scan.skip("match", "Grype's own configuration ignores it", ignoredMatches);
        if (targetName != null || targetType != null || operatingSystem != null) {
            scan.target(new ScanSummary.Target(targetName, targetType, operatingSystem, null));
        }
        return scan.build(true, false);
    }
}
