package io.vigil.alert.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.10, 203.0.113.10",
        "' 203.0.113.10 ', 203.0.113.10",
        "203.000.113.010, 203.0.113.10",
        "0.0.0.0, 0.0.0.0",
        "10.0.0.255, 10.0.0.255",
        "203.0.113.256, 203.0.113.256",
        "203.0.113.1000, 203.0.113.1000",
        "203.0.113.10., 203.0.113.10.",
        "203..113.10, 203..113.10",
        "1.2.3.4.5, 1.2.3.4.5",
        "[203.0.113.10], 203.0.113.10",
        "::ffff:203.0.113.010, ::ffff:203.0.113.010",
        "2001:DB8::1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "[2001:db8::1], 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "::1, ::1",
        "::ffff:203.0.113.10, 203.0.113.10",
        "64:ff9b::203.0.113.10, 64:ff9b::cb00:710a",
        "fe80::1:2, fe80::1:2",
        "not-an-address, not-an-address",
        "1:2:3, 1:2:3"
    })
    void writesEachAddressOneWay(String given, String expected) {
        assertEquals(expected, Addresses.normalize(given));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void hasNoAddressForNothing(String given) {
        assertNull(Addresses.normalize(given));
    }
}
