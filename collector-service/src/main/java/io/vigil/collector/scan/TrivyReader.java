package io.vigil.collector.scan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.state.StateReport.Finding;
import io.vigil.common.state.StateReport.RuleOutcome;
import io.vigil.common.state.StateReport.RuleResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a Trivy JSON report of SchemaVersion 2 ({@code trivy --format json}). Vulnerabilities of every result, OS
 * packages and language packages alike, become findings; misconfigurations become baseline rule results. Secrets and
 * licences are counted as skipped.
 *
 * <p>A report whose results are all of configurations, secrets or licences was not a vulnerability scan, so it fills
 * no vulnerability assessment and leaves the machine's findings as they were; a report with no configuration result
 * leaves its baseline alone.
 */
public final class TrivyReader {

    private static final String PRODUCT = "trivy";
    private static final int SCHEMA_VERSION = 2;
    private static final String CONFIG_CLASS = "config";
    private static final Set<String> NON_PACKAGE_CLASSES = Set.of(CONFIG_CLASS, "secret", "license", "license-file");

    private final ScanImportBuilder scan = new ScanImportBuilder(PRODUCT);
    private Integer schemaVersion;
    private boolean anyResult;
    private boolean packageScan;
    private boolean configScan;
    private String resultClass;
    private String resultType;
    private int resultFindings;
    private String artifactName;
    private String artifactType;
    private String operatingSystem;
    private Boolean endOfLife;
    private int secrets;
    private int licences;

    private TrivyReader() {}

    public static ScanImport read(InputStream input)
            throws UnreadableScanException, ScanTooLargeException, IOException {
        TrivyReader reader = new TrivyReader();
        return JsonReports.read(input, "Trivy", reader::reportField, reader::finish);
    }

    private void reportField(JsonParser json, String name)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        switch (name) {
            case "SchemaVersion" -> schemaVersion = JsonReports.integer(json, name);
            case "CreatedAt" -> scan.collectedAt(ScanValues.time(JsonReports.text(json, name), name));
            case "ArtifactName" -> artifactName = JsonReports.text(json, name);
            case "ArtifactType" -> artifactType = JsonReports.text(json, name);
            case "Metadata" -> metadata(JsonReports.optionalObject(json, name), name);
            case "Results" -> JsonReports.elements(json, name, this::result);
            default -> json.skipChildren();
        }
    }

    private void result(JsonParser json, String path)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        anyResult = true;
        resultClass = null;
        resultType = null;
        resultFindings = 0;
        JsonReports.fields(json, path, (parser, name) -> resultField(parser, path + "." + name, name));
        packageScan |= resultClass == null || !NON_PACKAGE_CLASSES.contains(resultClass);
        configScan |= CONFIG_CLASS.equals(resultClass);
        scan.countPackageType(resultType, resultFindings);
    }

    /** {@code Metadata.OS}: the family and release Trivy found, and whether that release still gets fixes. */
    private void metadata(JsonNode metadata, String path) throws UnreadableScanException {
        String osPath = path + ".OS";
        JsonNode os = JsonReports.object(metadata, "OS", path);
        if (os == null) {
            return;
        }
        String family = ScanValues.blankToNull(JsonReports.text(os, "Family", osPath));
        String release = ScanValues.blankToNull(JsonReports.text(os, "Name", osPath));
        operatingSystem = family == null ? release : release == null ? family : family + " " + release;
        JsonNode eosl = os.get("EOSL");
        if (eosl != null && !eosl.isNull()) {
            if (!eosl.isBoolean()) {
                throw new UnreadableScanException(osPath + ".EOSL must be true or false");
            }
            endOfLife = eosl.booleanValue();
        }
    }

    private void resultField(JsonParser json, String path, String name)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        switch (name) {
            case "Class" -> resultClass = JsonReports.text(json, path);
            case "Type" -> resultType = JsonReports.text(json, path);
            case "Vulnerabilities" -> JsonReports.elements(json, path, this::vulnerability);
            case "Misconfigurations" -> {
                configScan = true;
                JsonReports.elements(json, path, this::misconfiguration);
            }
            case "Secrets" -> secrets += JsonReports.elements(json, path, JsonReports::skip);
            case "Licenses" -> licences += JsonReports.elements(json, path, JsonReports::skip);
            default -> json.skipChildren();
        }
    }

    private void vulnerability(JsonParser json, String path)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        JsonNode vulnerability = JsonReports.object(json, path);
        String severity = JsonReports.text(vulnerability, "Severity", path);
        boolean added = scan.addFinding(
                new Finding(
                        JsonReports.requiredText(vulnerability, "VulnerabilityID", path),
                        JsonReports.text(vulnerability, "PkgName", path),
                        JsonReports.text(vulnerability, "InstalledVersion", path),
                        ScanValues.blankToNull(JsonReports.text(vulnerability, "FixedVersion", path)),
                        ScanValues.severity(severity),
                        JsonReports.text(vulnerability, "Title", path)),
                severity,
                JsonReports.text(vulnerability, "Status", path));
        if (added) {
            resultFindings++;
        }
    }

    private void misconfiguration(JsonParser json, String path)
            throws IOException, UnreadableScanException, ScanTooLargeException {
        JsonNode misconfiguration = JsonReports.object(json, path);
        String ruleId = ScanValues.blankToNull(JsonReports.text(misconfiguration, "ID", path));
        if (ruleId == null) {
            ruleId = ScanValues.blankToNull(JsonReports.text(misconfiguration, "AVDID", path));
        }
        if (ruleId == null) {
            throw new UnreadableScanException(path + " has neither an ID nor an AVDID");
        }
        String status = JsonReports.requiredText(misconfiguration, "Status", path);
        String severity = JsonReports.text(misconfiguration, "Severity", path);
        scan.addRule(
                new RuleOutcome(
                        ruleId,
                        JsonReports.text(misconfiguration, "Title", path),
                        severity == null ? null : ScanValues.severity(severity),
                        result(status, path),
                        JsonReports.text(misconfiguration, "Resolution", path),
                        JsonReports.text(misconfiguration, "Message", path)),
                status,
                false);
    }

    private static RuleResult result(String status, String path) throws UnreadableScanException {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "FAIL" -> RuleResult.Fail;
            case "PASS" -> RuleResult.Pass;
            case "EXCEPTION" -> RuleResult.NotApplicable;
            default ->
                throw new UnreadableScanException(
                        path + ".Status is " + ScanValues.quoted(status) + "; expected FAIL, PASS or EXCEPTION");
        };
    }

    private ScanImport finish() throws UnreadableScanException {
        if (schemaVersion == null) {
            throw new UnreadableScanException("SchemaVersion is missing, so this is not a Trivy JSON report;"
                    + " expected the output of trivy --format json (SchemaVersion 2)");
        }
        if (schemaVersion != SCHEMA_VERSION) {
            throw new UnreadableScanException("SchemaVersion " + schemaVersion
                    + " is not supported; expected a Trivy JSON report of SchemaVersion 2 (Trivy 0.20 or later)");
        }
        scan.skip("secret", "secrets are not imported", secrets);
        scan.skip("licence", "licences are not imported", licences);
        if (artifactName != null || artifactType != null || operatingSystem != null || endOfLife != null) {
            scan.target(new ScanSummary.Target(artifactName, artifactType, operatingSystem, endOfLife));
        }
        return scan.build(!anyResult || packageScan || scan.hasFindings(), configScan);
    }
}
