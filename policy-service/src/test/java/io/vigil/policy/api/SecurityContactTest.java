package io.vigil.policy.api;

import static io.restassured.RestAssured.given;
import static io.vigil.policy.support.Scopes.EFFECTIVE_POLICY;
import static io.vigil.policy.support.Scopes.GROUP_POLICY;
import static io.vigil.policy.support.Scopes.SUBSCRIPTION_POLICY;
import static io.vigil.policy.support.Scopes.newSubscription;
import static io.vigil.policy.support.Scopes.putGroup;
import static io.vigil.policy.support.Scopes.putSubscription;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.Callers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security contact's two values, the addresses and whether to notify on High severity alerts, are kept as sent and
 * inherit one by one: a resource group that names its own team keeps the subscription's choice to notify.
 */
@QuarkusTest
class SecurityContactTest {

    private static final String GROUP = "Web";
    private static final String SECOPS = "secops@example.com";
    private static final String WEB_TEAM = "web-team@example.com";

    @BeforeEach
    void actAsSecurityAdministrator() {
        Callers.everyRequestAsAdmin();
    }

    @AfterEach
    void forgetCredentials() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void theNotifyFlagIsKeptAsSentInBothScopes() {
        String sub = newSubscription();

        putSubscription(sub, contact(List.of(SECOPS), true))
                .then()
                .statusCode(200)
                .body("securityContact.notifyOnHighSeverityAlerts", equalTo(true));
        given().when()
                .get(SUBSCRIPTION_POLICY, sub)
                .then()
                .body("securityContact.emails", contains(SECOPS))
                .body("securityContact.notifyOnHighSeverityAlerts", equalTo(true));
        putSubscription(sub, contact(List.of(SECOPS), false)).then().statusCode(200);
        given().when()
                .get(SUBSCRIPTION_POLICY, sub)
                .then()
                .body("securityContact.notifyOnHighSeverityAlerts", equalTo(false));

        putGroup(sub, GROUP, Map.of("securityContact", Map.of("notifyOnHighSeverityAlerts", true)))
                .then()
                .statusCode(200);
        given().when()
                .get(GROUP_POLICY, sub, GROUP)
                .then()
                .body("securityContact.notifyOnHighSeverityAlerts", equalTo(true))
                .body("securityContact.emails", nullValue());
    }

    @Test
    void aGroupThatNamesOnlyItsAddressesKeepsTheSubscriptionsFlag() {
        String sub = newSubscription();
        putSubscription(sub, contact(List.of(SECOPS), true)).then().statusCode(200);

        putGroup(sub, GROUP, Map.of("securityContact", Map.of("emails", List.of(WEB_TEAM))))
                .then()
                .statusCode(200);

        given().when()
                .get(EFFECTIVE_POLICY, sub, GROUP)
                .then()
                .statusCode(200)
                .body("securityContact.emails", contains(WEB_TEAM))
                .body("securityContact.notifyOnHighSeverityAlerts", equalTo(true))
                .body("inheritedFrom.securityContact.emails", equalTo("resourceGroup"))
                .body("inheritedFrom.securityContact.notifyOnHighSeverityAlerts", equalTo("subscription"));
    }

    @Test
    void aGroupThatSetsOnlyTheFlagKeepsTheSubscriptionsAddresses() {
        String sub = newSubscription();
        putSubscription(sub, contact(List.of(SECOPS), true)).then().statusCode(200);

        putGroup(sub, GROUP, Map.of("securityContact", Map.of("notifyOnHighSeverityAlerts", false)))
                .then()
                .statusCode(200);

        given().when()
                .get(EFFECTIVE_POLICY, sub, GROUP)
                .then()
                .statusCode(200)
                .body("securityContact.emails", contains(SECOPS))
                .body("securityContact.notifyOnHighSeverityAlerts", equalTo(false))
                .body("inheritedFrom.securityContact.emails", equalTo("subscription"))
                .body("inheritedFrom.securityContact.notifyOnHighSeverityAlerts", equalTo("resourceGroup"));
    }

    @Test
    void aGroupsEmptyListOfAddressesOverridesTheSubscriptions() {
        String sub = newSubscription();
        putSubscription(sub, contact(List.of(SECOPS), true)).then().statusCode(200);

        putGroup(sub, GROUP, Map.of("securityContact", Map.of("emails", List.of())))
                .then()
                .statusCode(200);

        given().when()
                .get(EFFECTIVE_POLICY, sub, GROUP)
                .then()
                .body("securityContact.emails", empty())
                .body("securityContact.notifyOnHighSeverityAlerts", equalTo(true))
                .body("inheritedFrom.securityContact.emails", equalTo("resourceGroup"));
    }

    @Test
    void aContactWithoutValuesIsNoOverride() {
        String sub = newSubscription();
        putSubscription(sub, contact(List.of(SECOPS), true)).then().statusCode(200);

        putGroup(sub, GROUP, Map.of("securityContact", Map.of(), "agentSilenceMinutes", 7))
                .then()
                .statusCode(200)
                .body("securityContact", nullValue());

        given().when()
                .get(EFFECTIVE_POLICY, sub, GROUP)
                .then()
                .body("securityContact.emails", contains(SECOPS))
                .body("inheritedFrom.securityContact.emails", equalTo("subscription"))
                .body("inheritedFrom.securityContact.notifyOnHighSeverityAlerts", equalTo("subscription"));
    }

    private static Map<String, Object> contact(List<String> emails, boolean notify) {
        return Map.of("securityContact", Map.of("emails", emails, "notifyOnHighSeverityAlerts", notify));
    }
}
