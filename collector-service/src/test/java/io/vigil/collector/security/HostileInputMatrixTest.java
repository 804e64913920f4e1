package io.vigil.collector.security;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.HostileInputMatrix;

/** Every path and query parameter of every published endpoint refuses hostile text with a clean 4xx. */
@QuarkusTest
class HostileInputMatrixTest extends HostileInputMatrix {}
