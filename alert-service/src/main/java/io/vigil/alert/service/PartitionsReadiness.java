package io.vigil.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the event table's partitions of the coming days exist, so traffic arrives once they do. */
@Readiness
@ApplicationScoped
public class PartitionsReadiness implements HealthCheck {

    private final Retention retention;

    public PartitionsReadiness(Retention retention) {
        this.retention = retention;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-partitions")
                .status(retention.partitionsReady())
                .build();
    }
}
