package io.vigil.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** Who may call this service, besides people with bearer tokens. */
@ConfigMapping(prefix = "vigil.security")
public interface SecurityConfig {

    /** The token claim that lists the subscriptions a caller may touch; {@code *} in it grants all of them. */
    @WithDefault("subscriptions")
    String subscriptionsClaim();

    /** This service's own name and credential, sent on its calls to other services' internal endpoints. */
    Optional<String> serviceName();

    Optional<String> serviceToken();

    /** The services allowed to call this one's internal endpoints: caller name to its credential. */
    Map<String, String> callers();
}
