package io.vigil.policy.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

class WriteConflictsTest {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String NOT_NULL_VIOLATION = "23502";

    @Test
    void staleVersionIsAConflictEvenWhenWrapped() {
        var stale = new StaleObjectStateException("ScopePolicyEntity", 7L);

        assertTrue(WriteConflicts.isConflict(new CompletionException(stale)));
    }

    @Test
    void concurrentFirstCreationIsAConflict() {
        var duplicate = new ConstraintViolationException(
                "duplicate scope", new SQLException("duplicate key", UNIQUE_VIOLATION), "scope_policy_scope_unique");

        assertTrue(WriteConflicts.isConflict(new CompletionException(duplicate)));
    }

    @Test
    void uniqueViolationOfTheScopeReportedByTheReactiveClientIsAConflict() {
        var postgres = uniqueViolation("scope_policy_scope_unique");

        assertTrue(WriteConflicts.isConflict(new CompletionException(postgres)));
    }

    @Test
    void theScopeConstraintNamedWithItsSchemaIsAConflict() {
        var duplicate = new ConstraintViolationException(
                "duplicate scope",
                new SQLException("duplicate key", UNIQUE_VIOLATION),
                "policy.scope_policy_scope_unique");

        assertTrue(WriteConflicts.isConflict(duplicate));
    }

    @Test
    void otherFailuresAreNotConflicts() {
        var notNull = new PgException("null value", "ERROR", NOT_NULL_VIOLATION, "column updated_by");

        assertFalse(WriteConflicts.isConflict(new CompletionException(notNull)));
        assertFalse(WriteConflicts.isConflict(new IllegalStateException("connection closed")));
    }

    @Test
    void aUniqueViolationOfAnotherConstraintIsNoConflict() {
        var otherKey = new ConstraintViolationException(
                "duplicate change", new SQLException("duplicate key", UNIQUE_VIOLATION), "policy_change_pkey");
        var unnamed = new ConstraintViolationException(
                "duplicate", new SQLException("duplicate key", UNIQUE_VIOLATION), null);

        assertFalse(WriteConflicts.isConflict(new CompletionException(otherKey)));
        assertFalse(WriteConflicts.isConflict(unnamed));
        assertFalse(WriteConflicts.isConflict(uniqueViolation("outbox_pkey")));
        assertFalse(WriteConflicts.isConflict(uniqueViolation(null)));
    }

    /** A unique violation as the reactive client reports it, naming the constraint in its last field. */
    private static PgException uniqueViolation(String constraint) {
        return new PgException(
                "duplicate key value",
                "ERROR",
                UNIQUE_VIOLATION,
                "Key exists",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                constraint);
    }

    @Test
    void conditionalWriterIsToldItsPreconditionFailedAndOthersToRetry() {
        assertEquals(412, WriteConflicts.refusal(true).status());
        assertEquals(409, WriteConflicts.refusal(false).status());
        assertEquals("concurrent-modification", WriteConflicts.refusal(false).typeSlug());
    }
}
