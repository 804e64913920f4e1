package io.vigil.alert.api;

import io.vigil.common.problem.ApiException;
import io.vigil.common.validation.Times;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the path and query parameters of this service's endpoints. Each is checked before anything reaches a query,
 * so a bad value is a 400 that names the parameter, never a 500.
 */
final class Parameters {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final Pattern SUPPRESSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,79}");

    private Parameters() {}

    static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badRequest(field, field + " must be a UUID");
        }
    }

    static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw ApiException.badRequest(field, field + " must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    field, field + " must be an ISO-8601 time with a zone, e.g. 2026-12-01T10:00:00Z");
        }
        if (!Times.isStorable(time)) {
            throw ApiException.badRequest(field, field + " " + Times.RULE);
        }
        return time;
    }

    static void requireOrder(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("to", "to must be later than from");
        }
    }

    static int limit(Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        return size;
    }

    static String ruleId(String value) {
        if (value == null || !RULE_ID.matcher(value).matches()) {
            throw ApiException.badRequest("ruleId", "ruleId must be a rule id of the catalogue, e.g. SshBruteForce");
        }
        return value;
    }

    static String suppressionName(String value) {
        if (value == null || !SUPPRESSION_NAME.matcher(value).matches()) {
            throw ApiException.badRequest(
                    "name", "name must be 1-80 of letters, digits, '_', '-', '.', starting with a letter or digit");
        }
        return value;
    }

    /** A page token that carries a suppression rule's name, opaque to callers. */
    static String nameToken(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    static String nameAfter(String skipToken) {
        if (skipToken == null) {
            return null;
        }
        try {
            String name = new String(Base64.getUrlDecoder().decode(skipToken), StandardCharsets.UTF_8);
            if (SUPPRESSION_NAME.matcher(name).matches()) {
                return name;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.badRequest("skipToken", "skipToken is not one this service gave out");
    }

    /** Who made a change, for the history: the token's principal name (its upn or preferred name). */
    static String callerOf(SecurityContext caller) {
        return caller.getUserPrincipal() == null
                ? "unknown"
                : caller.getUserPrincipal().getName();
    }
}
