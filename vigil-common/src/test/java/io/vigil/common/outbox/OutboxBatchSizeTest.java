package io.vigil.common.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
