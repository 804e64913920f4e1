package io.vigil.collector.events.json;

import static io.vigil.collector.events.json.EventFiles.entry;
import static io.vigil.collector.events.json.EventFiles.rejected;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformed entry is refused with a reason that says what to fix; the entries are named in the two files. */
class JsonEventRejectionTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "windows | eventIdNotANumber | EventID 'forty-six twenty-five' is not a whole number from 0 to 65535",
                "windows | eventIdOutOfRange | EventID '70000' is not a whole number from 0 to 65535",
                "windows | eventIdAnArray | EventID must be text or a number, not an array",
                "windows | eventIdObjectWithoutText | Event.System.EventID is missing",
                "windows | timeMissing | TimeCreated is missing",
                "windows | timeNotATime | TimeCreated 'yesterday at noon' is not an ISO 8601 time",
                "windows | timeBefore1970 | time 1601-01-01T00:00:00Z is before 1970",
                "windows | timeFarInTheFuture | time 2031-01-01T00:00:00Z is more than a day after the upload",
                "windows | eventNotAnObject | Event must be an object holding System and EventData",
                "windows | systemMissing | Event.System is missing or is not an object",
                "windows | userNameAnObject | TargetUserName must be text or a number, not an object",
                "windows | userNameWithNul | TargetUserName contains a NUL character",
                "windows | hostAnArray | Computer must be text or a number, not an array",
                "vigil | countTooLarge | count must be a whole number from 1 to 1000000",
                "vigil | countAsText | count must be a whole number from 1 to 1000000",
                "vigil | countAFraction | count must be a whole number from 1 to 1000000",
                "vigil | portOutOfRange | sourcePort must be a whole number from 0 to 65535",
                "vigil | portAsText | destinationPort must be a whole number from 0 to 65535",
                "vigil | accountANumber | account must be a string, not a number",
                "vigil | categoryInLowerCase | category 'firewall' is not one of Authentication, Account, Group,",
                "vigil | categoryMissing | category is missing",
                "vigil | timeANumber | time must be a string, not a number",
                "vigil | timeNotATime | time '2026-13-01T10:00:00Z' is not an ISO 8601 time"
            })
    void refusesAMalformedEntrySayingWhy(String format, String name, String reason) {
        String actual = rejected(entry("/events/" + format + "/malformed.json", name));

        assertTrue(actual.startsWith(reason), actual);
    }
}
