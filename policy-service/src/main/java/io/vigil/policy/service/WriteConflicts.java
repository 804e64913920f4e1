package io.vigil.policy.service;

import io.vertx.pgclient.PgException;
import io.vigil.common.problem.ApiException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Recognises a write that lost a race with another writer of the same scope: both created the scope at once (the
 * unique constraint refused the second) or both updated the version the first one had read (the version check
 * refused the second). The loser is told so; it is never overwritten silently and never sees a 500.
 */
final class WriteConflicts {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SCOPE_UNIQUE = "scope_policy_scope_unique";

    private WriteConflicts() {}

    static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StaleStateException || cause instanceof OptimisticLockException) {
                return true;
            }
            if (cause instanceof ConstraintViolationException violation
                    && (UNIQUE_VIOLATION.equals(violation.getSQLState())
                            || violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE
                            || SCOPE_UNIQUE.equals(violation.getConstraintName()))) {
                return true;
            }
            if (cause instanceof PgException postgres && UNIQUE_VIOLATION.equals(postgres.getSqlState())) {
                return true;
            }
        }
        return false;
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

    static ApiException concurrentModification() {
        return new ApiException(
                409,
                "concurrent-modification",
                "Concurrent modification",
                "The policy was changed by another request at the same time; read it again and retry");
    }
}
