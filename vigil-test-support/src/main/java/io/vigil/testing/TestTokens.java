package io.vigil.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Bearer tokens for tests, signed with the test key that the services under test trust ({@code
 * vigil-test-keys/public.pem}, issuer {@link #ISSUER}, audience {@link #AUDIENCE}).
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.vigil.test";
    public static final String AUDIENCE = "vigil";
    public static final String READER = "Reader";
    public static final String SECURITY_ADMIN = "SecurityAdmin";
    /** The principal of every token that names none of its own. */
    public static final String DEFAULT_NAME = "tester@vigil.test";

    private static final PrivateKey KEY = load();

    private TestTokens() {}

    public static String reader(String... subscriptions) {
        return token(READER, DEFAULT_NAME, Instant.now().plusSeconds(600), KEY, subscriptions);
    }

    public static String admin(String... subscriptions) {
        return token(SECURITY_ADMIN, DEFAULT_NAME, Instant.now().plusSeconds(600), KEY, subscriptions);
    }

    /** A SecurityAdmin token whose principal ({@code upn}) is {@code name}, to tell one person's changes apart. */
    public static String adminNamed(String name, String... subscriptions) {
        return token(SECURITY_ADMIN, name, Instant.now().plusSeconds(600), KEY, subscriptions);
    }

    /** A SecurityAdmin token for the subscriptions that expired an hour ago. */
    public static String expired(String... subscriptions) {
        return token(SECURITY_ADMIN, DEFAULT_NAME, Instant.now().minusSeconds(3600), KEY, subscriptions);
    }

    /** A SecurityAdmin token signed by a key nobody trusts. */
    public static String badSignature(String... subscriptions) {
        try {
            PrivateKey stranger = KeyUtils.generateKeyPair(2048).getPrivate();
            return token(SECURITY_ADMIN, DEFAULT_NAME, Instant.now().plusSeconds(600), stranger, subscriptions);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a key", e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String token(String role, String name, Instant expiresAt, PrivateKey key, String... subscriptions) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .upn(name)
                .groups(Set.of(role))
                .claim("subscriptions", List.of(subscriptions))
                .issuedAt(expiresAt.minusSeconds(1200))
                .expiresAt(expiresAt)
                .sign(key);
    }

    private static PrivateKey load() {
        try {
            return KeyUtils.readPrivateKey("vigil-test-keys/private.pem");
        } catch (Exception e) {
            throw new IllegalStateException("the test signing key is missing", e);
        }
    }
}
