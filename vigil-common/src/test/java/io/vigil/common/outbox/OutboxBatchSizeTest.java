package io.vigil.common.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxBatchSizeTest {

    @Test
    void aDestinationThatHasNotFailedGetsWholeBatches() {
        assertEquals(200, OutboxRelay.batchAfter(200, 0));
    }

    @Test
    void eachFailureHalvesTheNextBatchDownToOneMessage() {
        assertEquals(100, OutboxRelay.batchAfter(200, 1));
        assertEquals(50, OutboxRelay.batchAfter(200, 2));
        assertEquals(25, OutboxRelay.batchAfter(200, 3));
        assertEquals(1, OutboxRelay.batchAfter(200, 8));
        assertEquals(1, OutboxRelay.batchAfter(200, 1_000));
    }

    @Test
    void aDeliveryTakesTheOldestMessagesThatFitOneRequestBody() {
        long megabyte = 1024 * 1024;
        assertEquals(3, OutboxRelay.withinBodyLimit(List.of(2 * megabyte, 2 * megabyte, 2 * megabyte, 3 * megabyte)));
        assertEquals(4, OutboxRelay.withinBodyLimit(List.of(10L, 20L, 30L, 40L)));
    }

    @Test
    void aSingleMessageLargerThanTheLimitStillGoesAlone() {
        assertEquals(1, OutboxRelay.withinBodyLimit(List.of(20 * 1024 * 1024L, 10L)));
        assertEquals(0, OutboxRelay.withinBodyLimit(List.of()));
    }
}
