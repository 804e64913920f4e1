package io.vigil.deploy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a credential looks like in a manifest: a setting named like one (a password, token, secret or key, but not the
 * location of a public key), or a value that is one whatever its name (a private key, a signed token, a password in a
 * URL or a connection string, a long random string as {@code openssl rand} makes).
 */
final class SecretLooks {

    private static final Pattern NAME = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|PASSPHRASE|TOKEN|SECRET|CREDENTIAL|PRIVATE|(?<!PUBLIC_)KEY(?!_LOCATION)).*");

    private static final List<Pattern> VALUES = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
            Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@"),
            Pattern.compile("(?i)(password|passwd|pwd|secret|token|api_?key)\\s*[=:]\\s*[^\\s&;]+"),
            Pattern.compile("[A-Fa-f0-9]{32,}"));

    /** A run of base64 characters; one of 40 or more that mixes cases and digits is a random string, not a word. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{40,}={0,2}");

    private SecretLooks() {}

    static boolean isSecretName(String name) {
        return NAME.matcher(name).matches();
    }

    static boolean isSecretValue(String value) {
        return VALUES.stream().anyMatch(pattern -> pattern.matcher(value).find())
                || BASE64_RUN.matcher(value).results().map(run -> run.group()).anyMatch(SecretLooks::isRandom);
    }

    /**
     * Random base64 has upper and lower case letters and digits, and few slashes; a path such as
     * {@code /spec/template/spec/containers/0/securityContext} has a slash every few letters.
     */
    private static boolean isRandom(String run) {
        long slashes = run.chars().filter(c -> c == '/').count();
        return run.chars().anyMatch(Character::isUpperCase)
                && run.chars().anyMatch(Character::isLowerCase)
                && run.chars().anyMatch(Character::isDigit)
                && slashes * 10 < run.length();
    }
}
