package io.vigil.policy.api;

import static io.vigil.policy.support.Scopes.newSubscription;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.Callers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access filter judges a caller's subscriptions by {subscriptionId}; a path that names one otherwise is closed. */
@QuarkusTest
class MisnamedScopeTest {

    private static final String MISNAMED = "/api/v1/subscriptions/{sub}/misnamedScope";

    @BeforeEach
    void anonymous() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void refusesEvenACallerGrantedTheSubscription() {
        String sub = newSubscription();

        Callers.asAdmin(sub)
                .when()
                .get(MISNAMED, sub)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("This endpoint is not open to anybody"));
    }
}
