package io.vigil.policy.service;

import io.vertx.pgclient.PgException;
import io.vigil.common.problem.ApiException;
import jakarta.persistence.OptimisticLockException;
import java.util.Locale;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Recognises a write that lost a race with another writer of the same scope: both created the scope at once (the
 * scope's unique constraint refused the second) or both updated the version the first one had read (the version
 * check refused the second). The loser is told so; it is never overwritten silently and never sees a 500. Any other
 * constraint a write breaks is no race and no fault of the caller: it is left to the generic handling.
 */
public final class WriteConflicts {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SCOPE_UNIQUE = "scope_policy_scope_unique";

    private WriteConflicts() {}

    public static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StaleStateException || cause instanceof OptimisticLockException) {
                return true;
            }
            if (cause instanceof ConstraintViolationException violation
                    && isScopeConstraint(violation.getConstraintName())) {
                return true;
            }
            if (cause instanceof PgException postgres
                    && UNIQUE_VIOLATION.equals(postgres.getSqlState())
                    && isScopeConstraint(postgres.getConstraint())) {
                return true;
            }
        }
        return false;
    }

    /** The name as PostgreSQL reports it, perhaps qualified by the schema. */
    private static boolean isScopeConstraint(String name) {
        if (name == null) {
            return false;
        }
        String plain = name.toLowerCase(Locale.ROOT);
        return plain.equals(SCOPE_UNIQUE) || plain.endsWith("." + SCOPE_UNIQUE);
    }

    /**
     * A caller that named the version it read (If-Match) asked for a conditional write, and the condition no longer
     * holds: 412. A caller that did not is asked to retry: 409.
     */
    static ApiException refusal(boolean conditional) {
        return conditional ? preconditionFailed() : concurrentModification();
    }

    static ApiException preconditionFailed() {
        return new ApiException(
                412,
                "precondition-failed",
                "Precondition failed",
                "The policy was changed since the ETag given in If-Match was read; read it again");
    }

    public static ApiException concurrentModification() {
        return new ApiException(
                409,
                "concurrent-modification",
                "Concurrent modification",
                "The policy was changed by another request at the same time; read it again and retry");
    }
}
