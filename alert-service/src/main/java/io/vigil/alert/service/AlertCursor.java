package io.vigil.alert.service;

import io.vigil.alert.persistence.AlertEntity;
import io.vigil.common.problem.ApiException;
import io.vigil.common.validation.Times;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page starts: the last alert shown, by start time and id (the list order). Opaque to callers, so the
 * order can change without breaking their links.
 */
public record AlertCursor(Instant startTime, UUID id) {

    private static final String SEPARATOR = "|";

    public static AlertCursor after(AlertEntity last) {
        return new AlertCursor(last.startTime, last.id);
    }

    public String token() {
        String plain = startTime + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static AlertCursor parse(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int separator = plain.indexOf(SEPARATOR);
            Instant startTime = Instant.parse(plain.substring(0, separator));
            if (Times.isStorable(startTime)) {
                return new AlertCursor(startTime, UUID.fromString(plain.substring(separator + 1)));
            }
        } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
            // answered below, like a token that names a time no alert can have
        }
        throw ApiException.badRequest("skipToken", "skipToken is not one this service gave out");
    }
}
