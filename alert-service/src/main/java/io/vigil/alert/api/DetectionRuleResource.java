package io.vigil.alert.api;

import io.vigil.alert.config.DeployedRules;
import io.vigil.alert.detection.Catalogue;
import io.vigil.common.paging.Page;
import io.vigil.common.security.Access;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The rule catalogue with the values this deployment runs with (the defaults unless an operator changed them). */
@Path("/api/v1/detectionRules")
@Produces(MediaType.APPLICATION_JSON)
public class DetectionRuleResource {

    private final DeployedRules deployed;

    public DetectionRuleResource(DeployedRules deployed) {
        this.deployed = deployed;
    }

    @GET
    @Access(Access.Level.READ)
    public Page<DetectionRuleView> catalogue() {
        return new Page<>(
                Catalogue.RULES.stream()
                        .map(rule -> DetectionRuleView.of(rule, deployed.settings(rule)))
                        .toList(),
                null);
    }
}
