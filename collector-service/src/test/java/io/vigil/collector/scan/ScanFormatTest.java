package io.vigil.collector.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanFormatTest {

    @Test
    void namesTheFormatsAsTheScansParameterDoes() {
        assertEquals(Optional.of(ScanFormat.TRIVY), ScanFormat.of("trivy"));
        assertEquals(Optional.of(ScanFormat.GRYPE), ScanFormat.of("Grype"));
        assertEquals(Optional.of(ScanFormat.XCCDF), ScanFormat.of("XCCDF"));
        assertEquals(Optional.empty(), ScanFormat.of("nessus"));
        assertEquals(Optional.empty(), ScanFormat.of(null));
    }

    @Test
    void readsWithTheReaderOfItsFormat() throws Exception {
        assertEquals(
                "grype",
                ScanFormat.GRYPE
                        .read(ScanFiles.open("fixtures/vulnerability/grype/many_vulns4.json"))
                        .summary()
                        .product());
        assertEquals(
                "OpenSCAP",
                ScanFormat.XCCDF
                        .read(ScanFiles.open("fixtures/baseline/xccdf/xccdf_rule_and_cpe_check.xml"))
                        .summary()
                        .product());
    }

    @Test
    void agreesWithTheStateReportsLimits() {
        assertEquals(100_000, ReportLimits.FINDINGS);
        assertEquals(50_000, ReportLimits.RULE_RESULTS);
        assertEquals(200, ReportLimits.CVE);
        assertEquals(500, ReportLimits.RULE_ID);
        assertEquals(2000, ReportLimits.FINDING_TITLE);
    }
}
