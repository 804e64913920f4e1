package io.vigil.common.problem;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a failure of the database being away (down, restarting, refusing connections, a connection lost) from a
 * failure of the request. The first is worth a retry, so callers get a 503 for it rather than a 500.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {}

    /** True when the failure, or any failure that caused it, says the database cannot be reached just now. */
    public static boolean isOutage(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable current = pending.pop();
            if (seen.put(current, Boolean.TRUE) != null) {
                continue;
            }
            if (isOutageItself(current)) {
                return true;
            }
            if (current.getCause() != null) {
                pending.push(current.getCause());
            }
            if (current instanceof CompositeException composite) {
                composite.getCauses().forEach(pending::push);
            }
        }
        return false;
    }

    private static boolean isOutageItself(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            // Class 08: connection exceptions; 57P01-57P03: the server shutting down, crashed, or still starting.
            String state = pg.getSqlState();
            return state.startsWith("08") || state.startsWith("57P");
        }
        // A socket refused or reset (a server restarting resets the connections it has not yet told it is going).
        return failure instanceof SocketException || failure instanceof ClosedConnectionException;
    }
}
