package io.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The credential check the manifest rules rely on recognises credentials, and lets Vigil's settings pass. */
class SecretLooksTest {

    static final List<String> SECRET_NAMES = List.of(
            "VIGIL_DB_PASSWORD",
            "VIGIL_SERVICE_TOKEN_POLICY",
            "ACCESS_SECRET_KEY",
            "VIGIL_INGESTION_KEY",
            "api-key",
            "VIGIL_SIGNING_PRIVATE_PEM",
            "s3Credentials");

    static final List<String> SETTING_NAMES = List.of(
            "VIGIL_DB_HOST",
            "VIGIL_POLICY_URL",
            "VIGIL_OIDC_PUBLIC_KEY_LOCATION",
            "VIGIL_OIDC_AUDIENCE",
            "VIGIL_SHUTDOWN_TIMEOUT",
            "VIGIL_OTLP_ENDPOINT");

    static final List<String> SECRET_VALUES = List.of(
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
            TestTokens.admin("my-sub"),
            "postgresql://collector:hunter2@vigil-db-rw:5432/vigil",
            "jdbc:postgresql://vigil-db-rw:5432/vigil?user=alert&password=hunter2",
            "6f1ed002ab5595859014ebf0951522d9a7c3e2b4f8a1d3c5",
            "q3Zr9XvB2mLk/8Tn0PaW+eYc4HsJd7UfRgQ1oNiV==");

    static final List<String> SETTING_VALUES = List.of(
            "vigil-db-rw",
            "http://policy-service:8081",
            "https://identity.example.com/.well-known/jwks.json",
            "http://opentelemetry-collector.observability:4317",
            "s3://vigil-backups/vigil-db",
            "docker.io/vigil/collector-service:0.1.0-SNAPSHOT",
            "vigil-settings-hb54249k8f",
            "0 0 2 * * *",
            "/spec/template/spec/containers/0/resources/requests",
            "/spec/template/spec/automountServiceAccountToken");

    @ParameterizedTest
    @FieldSource("SECRET_NAMES")
    void aNameForACredentialIsOne(String name) {
        assertTrue(SecretLooks.isSecretName(name), name);
    }

    @ParameterizedTest
    @FieldSource("SETTING_NAMES")
    void vigilsSettingNamesAreNone(String name) {
        assertFalse(SecretLooks.isSecretName(name), name);
    }

    @ParameterizedTest
    @FieldSource("SECRET_VALUES")
    void aCredentialIsOneWhateverItsName(String value) {
        assertTrue(SecretLooks.isSecretValue(value), value);
    }

    @ParameterizedTest
    @FieldSource("SETTING_VALUES")
    void vigilsSettingValuesAreNone(String value) {
        assertFalse(SecretLooks.isSecretValue(value), value);
    }
}
