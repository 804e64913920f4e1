package io.vigil.policy.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    private static final int NEVER_WRITTEN = 0;

    @Test
    void withoutTheHeaderEveryVersionMatches() {
        assertFalse(IfMatch.parse(null).conditional());
        assertFalse(IfMatch.parse("  ").conditional());
        assertTrue(IfMatch.parse(null).matches(NEVER_WRITTEN));
        assertTrue(IfMatch.parse(null).matches(4));
    }

    @Test
    void aStarMatchesAnyStoredVersionButNotAScopeNeverWritten() {
        IfMatch any = IfMatch.parse(" * ");

        assertTrue(any.conditional());
        assertFalse(any.matches(NEVER_WRITTEN));
        assertTrue(any.matches(1));
        assertTrue(any.matches(12));
    }

    @Test
    void aTagMatchesOnlyItsOwnVersionInEveryWrittenForm() {
        for (String header : new String[] {"\"3\"", "W/\"3\"", "3"}) {
            IfMatch three = IfMatch.parse(header);

            assertTrue(three.matches(3), header);
            assertFalse(three.matches(2), header);
            assertFalse(three.matches(NEVER_WRITTEN), header);
        }
        assertTrue(IfMatch.parse("\"0\"").matches(NEVER_WRITTEN));
    }

    @Test
    void aListMatchesAnyOfItsTags() {
        IfMatch list = IfMatch.parse("\"7\", \"2\"");

        assertTrue(list.matches(2));
        assertTrue(list.matches(7));
        assertFalse(list.matches(3));
    }

    @Test
    void aTagThatIsNoVersionMatchesNothing() {
        for (String header : new String[] {"\"abc\"", "\"-1\"", "\"99999999999\"", "\"\""}) {
            IfMatch odd = IfMatch.parse(header);

            assertTrue(odd.conditional(), header);
            assertFalse(odd.matches(NEVER_WRITTEN), header);
            assertFalse(odd.matches(1), header);
        }
    }
}
