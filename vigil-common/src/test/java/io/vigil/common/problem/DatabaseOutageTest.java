package io.vigil.common.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void aServerShuttingDownOrStartingUpIsAnOutage() {
        assertTrue(DatabaseOutage.isOutage(pg("57P01", "terminating connection due to administrator command")));
        assertTrue(DatabaseOutage.isOutage(pg("57P03", "the database system is starting up")));
        assertTrue(DatabaseOutage.isOutage(pg("08006", "connection failure")));
    }

    @Test
    void aRefusedOrLostConnectionIsAnOutageHoweverDeepItIsWrapped() {
        assertTrue(DatabaseOutage.isOutage(new IllegalStateException("query failed", new ConnectException("refused"))));
        assertTrue(DatabaseOutage.isOutage(
                new RuntimeException(new RuntimeException(ClosedConnectionException.INSTANCE))));
        assertTrue(DatabaseOutage.isOutage(
                new CompositeException(new IllegalStateException("rollback failed"), pg("57P03", "shutting down"))));
        assertTrue(DatabaseOutage.isOutage(new RuntimeException(new SocketException("Connection reset"))));
    }

    @Test
    void aFailureOfTheRequestItselfIsNoOutage() {
        assertFalse(DatabaseOutage.isOutage(pg("23505", "duplicate key value violates unique constraint")));
        assertFalse(DatabaseOutage.isOutage(pg("42P01", "relation does not exist")));
        assertFalse(DatabaseOutage.isOutage(new IllegalArgumentException("bad value")));
    }

    @Test
    void aFailureThatCausesItselfEndsTheSearch() {
        RuntimeException looped = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", looped);
        looped.initCause(inner);
        assertFalse(DatabaseOutage.isOutage(looped));
    }

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "FATAL", sqlState, null);
    }
}
