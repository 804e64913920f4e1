package io.vigil.alert.api;

import io.vigil.alert.config.AlertConfig;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.SshBruteForceDetection;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.paging.Page;
import io.vigil.common.security.Access;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** The rule catalogue with the values this deployment runs with (the defaults unless an operator changed them). */
@Path("/api/v1/detectionRules")
@Produces(MediaType.APPLICATION_JSON)
public class DetectionRuleResource {

    private final AlertConfig config;

    public DetectionRuleResource(AlertConfig config) {
        this.config = config;
    }

    @GET
    @Access(Access.Level.READ)
    public Page<DetectionRuleView> catalogue() {
        DetectionRule ssh = config.sshBruteForceRule();

        return new Page<>(
                List.of(new DetectionRuleView(
                        ssh.ruleId(),
                        SshBruteForceDetection.ALERT_TYPE,
                        SshBruteForceDetection.DISPLAY_NAME,
                        SshBruteForceDetection.SUMMARY,
                        SshBruteForceDetection.SEVERITY,
                        SshBruteForceDetection.INTENT,
                        ssh.enabled(),
                        ssh.threshold(),
                        ssh.window().toString(),
                        Map.of(
                                "category", EventCategory.Authentication.name(),
                                "action", EventAction.LogonFailed.name()),
                        List.of("machine", "sourceAddress"))),
                null);
    }
}
