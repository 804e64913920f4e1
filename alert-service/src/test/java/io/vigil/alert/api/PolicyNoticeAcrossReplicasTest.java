package io.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vigil.alert.support.Delivery;
import io.vigil.alert.support.Events;
import io.vigil.alert.support.PolicyStub;
import io.vigil.common.machine.MachineRef;
import io.vigil.common.policy.PolicyChanged;
import io.vigil.common.policy.PolicyVersions;
import io.vigil.testing.Callers;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Policy-service's notice of a change reaches one replica of this service; events that another replica then takes
 * are judged by the new pricing tier. This service stands for the replica that did not get the notice, and the notice
 * is recorded as the replica that got it records it.
 */
@QuarkusTest
class PolicyNoticeAcrossReplicasTest {

    private static final String ALERTS = "/api/v1/subscriptions/{sub}/alerts";
    private static final String ATTACKER = "203.0.113.78";
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final int THRESHOLD = 10;

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    private Delivery delivery;
    private PolicyVersions replicaThatGotTheNotice;

    @BeforeEach
    void actAsTheCollector() {
        Callers.everyRequestAsAdmin();
        delivery = new Delivery(json);
        replicaThatGotTheNotice = new PolicyVersions(pool, "alert.policy_version");
    }

    @AfterEach
    void forgetTheCaller() {
        Callers.everyRequestAnonymous();
    }

    @Test
    void detectsOnceAnotherReplicaWasToldTheTierIsStandard() {
        String sub = "sub-" + UUID.randomUUID();
        MachineRef machine = new MachineRef(sub, "Web-RG", "host01");
        PolicyStub.setPricingTier(sub, "Free");
        delivery.deliver(delivery.events(machine, Events.failures(ATTACKER, THRESHOLD, T0)));
        PolicyStub.setPricingTier(sub, "Standard");
        delivery.deliver(delivery.events(machine, Events.failures(ATTACKER, THRESHOLD, T0.plusSeconds(3600))));
        // Without a notice this replica judges by the tier it kept.
        alertsOf(sub).body("value", empty());

        replicaThatGotTheNotice
                .record(List.of(new PolicyChanged(sub, "web-rg", 2, T0)))
                .await()
                .indefinitely();
        delivery.deliver(delivery.events(machine, Events.failures(ATTACKER, THRESHOLD, T0.plusSeconds(7200))));

        alertsOf(sub).body("value", hasSize(1)).body("value[0].alertType", equalTo("SshBruteForce"));
    }

    private static ValidatableResponse alertsOf(String sub) {
        return given().when().get(ALERTS, sub).then().statusCode(200);
    }
}
