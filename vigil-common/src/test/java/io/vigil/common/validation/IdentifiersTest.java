package io.vigil.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.common.problem.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "sub-1", "3f1e9f3c-6a51-4c3e-8d55-3c1b8f0a9e21"})
    void acceptsSubscriptionIdsOfTheContract(String id) {
        assertEquals(id, Identifiers.subscription(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "Sub", "a_b", "a.b", "a b", "x' or '1'='1", "a\u0000"})
    void refusesOtherSubscriptionIds(String id) {
        ApiException refusal = assertThrows(ApiException.class, () -> Identifiers.subscription(id));
        assertEquals(400, refusal.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rg", "Prod_Web-01", "rg.(eu)", "a.b"})
    void acceptsResourceGroupNamesOfTheContract(String name) {
        assertEquals(name, Identifiers.resourceGroup(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rg.", "..", "rg/x", "rg;drop", "r g"})
    void refusesOtherResourceGroupNames(String name) {
        assertThrows(ApiException.class, () -> Identifiers.resourceGroup(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host01", "web-01.example.com", "a_b", "...x"})
    void acceptsMachineNamesOfTheContract(String name) {
        assertEquals(name, Identifiers.machine(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "...", "a/b", "a(b)", "vm 1"})
    void refusesOtherMachineNamesAndDotsAlone(String name) {
        assertThrows(ApiException.class, () -> Identifiers.machine(name));
    }

    @Test
    void refusesNamesPastTheirLength() {
        assertThrows(ApiException.class, () -> Identifiers.subscription("a".repeat(65)));
        assertThrows(ApiException.class, () -> Identifiers.resourceGroup("a".repeat(91)));
        assertThrows(ApiException.class, () -> Identifiers.machine("a".repeat(65)));
        assertEquals("a".repeat(90), Identifiers.resourceGroup("a".repeat(90)));
    }
}
