package io.vigil.collector.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.collector.ingestion.IngestionKeyFormat.NewKey;
import io.vigil.collector.ingestion.IngestionKeyFormat.PresentedKey;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestionKeyFormatTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A secret holding the separator itself, which base64url may produce. */
    private static final String SECRET_WITH_UNDERSCORES = "ab_cd_ef-gh0123456789ABCDEFGHIJKLMNOPQRSTUV";

    private static final String ID = "0123456789abcdef";
    /** SHA-256 of "abc", the standard test vector. */
    private static final String SHA256_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void generatedKeyParsesBackToItsIdAndASecretThatMatchesItsHash() {
        NewKey generated = IngestionKeyFormat.generate(RANDOM);

        PresentedKey parsed = IngestionKeyFormat.parse(generated.key()).orElseThrow();
        assertEquals(generated.id(), parsed.id());
        assertTrue(generated.key().matches("vik_[0-9a-f]{16}_[A-Za-z0-9_-]{43}"), generated.key());
        assertTrue(IngestionKeyFormat.matches(parsed.secret(), generated.secretHash()));
        assertFalse(generated.secretHash().contains(parsed.secret()));
    }

    @Test
    void twoGeneratedKeysShareNeitherIdNorSecret() {
        NewKey first = IngestionKeyFormat.generate(RANDOM);
        NewKey second = IngestionKeyFormat.generate(RANDOM);

        assertNotEquals(first.id(), second.id());
        assertNotEquals(first.secretHash(), second.secretHash());
    }

    @Test
    void cutsAKeyByPositionEvenWhenItsSecretHoldsUnderscores() {
        Optional<PresentedKey> parsed = IngestionKeyFormat.parse("vik_" + ID + "_" + SECRET_WITH_UNDERSCORES);

        assertEquals(Optional.of(new PresentedKey(ID, SECRET_WITH_UNDERSCORES)), parsed);
    }

    @Test
    void refusesTextThatIsNotAKey() {
        assertEquals(Optional.empty(), IngestionKeyFormat.parse(null));
        assertEquals(Optional.empty(), IngestionKeyFormat.parse(""));
        assertEquals(Optional.empty(), IngestionKeyFormat.parse("key_" + ID + "_" + SECRET_WITH_UNDERSCORES));
        assertEquals(
                Optional.empty(), IngestionKeyFormat.parse("vik_" + ID.toUpperCase() + "_" + SECRET_WITH_UNDERSCORES));
        assertEquals(Optional.empty(), IngestionKeyFormat.parse("vik_" + ID + "-" + SECRET_WITH_UNDERSCORES));
        assertEquals(Optional.empty(), IngestionKeyFormat.parse("vik_" + ID + "_" + SECRET_WITH_UNDERSCORES + "A"));
        assertEquals(
                Optional.empty(),
                IngestionKeyFormat.parse("vik_" + ID + "_" + SECRET_WITH_UNDERSCORES.replace('a', '+')));
    }

    @Test
    void hashesTheSecretWithSha256InLowerCaseHex() {
        assertEquals(SHA256_OF_ABC, IngestionKeyFormat.hash("abc"));
        assertTrue(IngestionKeyFormat.matches("abc", SHA256_OF_ABC));
        assertFalse(IngestionKeyFormat.matches("abd", SHA256_OF_ABC));
        assertFalse(IngestionKeyFormat.matches("abc", "not hex"));
    }
}
