package io.vigil.collector.scan;

import io.vigil.common.state.StateReport.Baseline;
import io.vigil.common.state.StateReport.Finding;
import io.vigil.common.state.StateReport.RuleOutcome;
import io.vigil.common.state.StateReport.VulnerabilityAssessment;
import jakarta.validation.constraints.Size;

/**
 * The sizes a state report accepts, read from the constraints on {@code StateReport} itself, so an imported scan can
 * never pass here and then fail the report's own validation.
 */
final class ReportLimits {

    static final int FINDINGS = max(VulnerabilityAssessment.class, "findings");
    static final int RULE_RESULTS = max(Baseline.class, "results");
    static final int PRODUCT = max(VulnerabilityAssessment.class, "product");

    static final int CVE = max(Finding.class, "cve");
    static final int PACKAGE = max(Finding.class, "packageName");
    static final int VERSION = Math.min(max(Finding.class, "installedVersion"), max(Finding.class, "fixedVersion"));
    static final int FINDING_TITLE = max(Finding.class, "title");

    static final int RULE_ID = max(RuleOutcome.class, "ruleId");
    static final int RULE_TITLE = max(RuleOutcome.class, "title");
    static final int RULE_TEXT = Math.min(max(RuleOutcome.class, "expected"), max(RuleOutcome.class, "actual"));

    private ReportLimits() {}

    private static int max(Class<? extends Record> type, String component) {
        Size size;
        try {
            size = type.getDeclaredField(component).getAnnotation(Size.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no component " + component, e);
        }
        if (size == null) {
            throw new IllegalStateException(type.getSimpleName() + "." + component + " has no size limit");
        }
        return size.max();
    }
}
