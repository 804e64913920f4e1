package io.vigil.collector.ingestion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of an ingestion key, {@code vik_<id>_<secret>}. The id is public and finds the key's row; only the hash of
 * the secret is stored, so a copy of the database opens nothing. The secret is base64url and may itself hold
 * {@code _}, so the key is cut by position, not by separator.
 */
public final class IngestionKeyFormat {

    static final String PREFIX = "vik_";
    static final int ID_BYTES = 8;
    static final int SECRET_BYTES = 32;

    private static final int ID_LENGTH = ID_BYTES * 2;
    private static final int SECRET_LENGTH = 43;
    private static final int KEY_LENGTH = PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{" + ID_LENGTH + "}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{" + SECRET_LENGTH + "}");
    private static final HexFormat HEX = HexFormat.of();

    private IngestionKeyFormat() {}

    /** A key as shown once to the administrator, with the id and the hash that are stored. */
    public record NewKey(String id, String key, String secretHash) {}

    /** A key as an agent presented it, cut into its parts. */
    public record PresentedKey(String id, String secret) {}

    public static NewKey generate(SecureRandom random) {
        byte[] id = new byte[ID_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(id);
        random.nextBytes(secret);
        String idText = HEX.formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewKey(idText, PREFIX + idText + "_" + secretText, hash(secretText));
    }

    /** Empty for anything that cannot be a key; such a key is refused without a look at the database. */
    public static Optional<PresentedKey> parse(String presented) {
        if (presented == null
                || presented.length() != KEY_LENGTH
                || !presented.startsWith(PREFIX)
                || presented.charAt(PREFIX.length() + ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String id = presented.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
        String secret = presented.substring(PREFIX.length() + ID_LENGTH + 1);
        if (!isId(id) || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new PresentedKey(id, secret));
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** SHA-256 of the secret's text, in lower-case hex. */
    public static String hash(String secret) {
        return HEX.formatHex(digest(secret));
    }

    /** Compares in time that does not depend on where the hashes differ, so timing tells an attacker nothing. */
    public static boolean matches(String secret, String storedHash) {
        byte[] stored;
        try {
            stored = HEX.parseHex(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(secret), stored);
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
