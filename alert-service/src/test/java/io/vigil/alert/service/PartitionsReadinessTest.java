package io.vigil.alert.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PartitionsReadinessTest {

    @Test
    void becomesReadyOnceTheComingDaysPartitionsExist() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "UP"
                        .equals(given().when()
                                .get("/q/health/ready")
                                .then()
                                .extract()
                                .path("checks.find { it.name == 'event-partitions' }.status")));
    }
}
