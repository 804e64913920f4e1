package io.vigil.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.common.policy.SecurityContact;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {

    @Test
    void findsAnAddressRepeatedInAnotherCase() {
        PolicySettings settings = withEmails(List.of("secops@example.com", "ops@example.com", "SecOps@Example.com"));

        assertEquals(Optional.of("SecOps@Example.com"), settings.repeatedEmail());
    }

    @Test
    void distinctAddressesAndMissingContactsRepeatNothing() {
        assertTrue(withEmails(List.of("a@example.com", "b@example.com"))
                .repeatedEmail()
                .isEmpty());
        assertTrue(PolicySettings.EMPTY.repeatedEmail().isEmpty());
    }

    @Test
    void settingsWithoutAnyValueSetNothing() {
        assertTrue(PolicySettings.EMPTY.setsNothing());
        assertFalse(withEmails(List.of()).setsNothing());
    }

    @Test
    void aContactWithNeitherValueSetsNothing() {
        PolicySettings settings = new PolicySettings(null, null, null, new SecurityContact(null, null), null);

        assertEquals(PolicySettings.EMPTY, settings);
        assertTrue(settings.setsNothing());
    }

    private static PolicySettings withEmails(List<String> emails) {
        return new PolicySettings(null, null, null, new SecurityContact(emails, null), null);
    }
}
