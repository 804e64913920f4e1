package io.vigil.policy.api;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.AccessMatrix;

@QuarkusTest
class AccessMatrixTest extends AccessMatrix {}
