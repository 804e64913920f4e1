package io.vigil.recommendation.evaluation;

/** What the evaluation needs to know about a machine besides its reported state. */
public record MachineFacts(String resourceId, String osType) {

    public boolean isWindows() {
        return "Windows".equalsIgnoreCase(osType);
    }
}
