package io.vigil.recommendation.api;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.AccessMatrix;
import io.vigil.testing.Callers;
import org.junit.jupiter.api.BeforeEach;

/** Every published endpoint, including the policy-service stand-in of the tests, refuses the wrong callers. */
@QuarkusTest
class AccessMatrixTest extends AccessMatrix {

    @BeforeEach
    void walkWithoutTheDefaultCredentials() {
        Callers.everyRequestAnonymous();
    }
}
