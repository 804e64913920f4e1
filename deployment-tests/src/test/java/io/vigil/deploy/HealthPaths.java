package io.vigil.deploy;

/** Where every Vigil service answers its probes (SmallRye Health under Quarkus's /q). */
final class HealthPaths {

    static final String STARTED = "/q/health/started";
    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";

    private HealthPaths() {}
}
