package io.vigil.collector.security;

import static io.vigil.testing.Callers.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.AccessMatrix;
import io.vigil.testing.Callers;
import org.junit.jupiter.api.BeforeEach;

@QuarkusTest
class AccessMatrixTest extends AccessMatrix {

    private static final String KEYS = "/api/v1/subscriptions/{sub}/ingestionKeys";

    /** Made once through the API, so the walk presents a key the collector really knows. */
    private static String keyOfOtherSubscription;

    @BeforeEach
    void anonymous() {
        Callers.everyRequestAnonymous();
    }

    @Override
    protected String ingestionKeyOfOtherSubscription() {
        if (keyOfOtherSubscription == null) {
            keyOfOtherSubscription = asAdmin(OTHER)
                    .when()
                    .post(KEYS, OTHER)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("key");
        }
        return keyOfOtherSubscription;
    }
}
