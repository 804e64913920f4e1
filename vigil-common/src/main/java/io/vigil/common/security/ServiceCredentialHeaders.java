package io.vigil.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Adds this service's credential to its calls of other services' internal endpoints. */
@ApplicationScoped
public class ServiceCredentialHeaders implements ClientHeadersFactory {

    private final SecurityConfig config;

    public ServiceCredentialHeaders(SecurityConfig config) {
        this.config = config;
    }

    /** The header value, or null when this service has no credential configured. */
    public String credential() {
        if (config.serviceName().isEmpty() || config.serviceToken().isEmpty()) {
            return null;
        }
        return config.serviceName().get() + ":" + config.serviceToken().get();
    }

    @Override
    public MultivaluedMap<String, String> update(
            MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String credential = credential();
        if (credential != null) {
            headers.add(Headers.SERVICE_CREDENTIAL, credential);
        }
        return headers;
    }
}
