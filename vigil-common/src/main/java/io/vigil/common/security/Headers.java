package io.vigil.common.security;

/** The headers that carry the credentials that are not bearer tokens. */
public final class Headers {

    /** An agent's ingestion key. */
    public static final String INGESTION_KEY = "X-Vigil-Ingestion-Key";

    /** A Vigil service's credential on internal calls: {@code <service name>:<token>}. */
    public static final String SERVICE_CREDENTIAL = "X-Vigil-Service-Credential";

    private Headers() {}
}
