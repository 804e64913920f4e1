package io.vigil.common.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.vigil.common.json.StrictBoolean;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Who is told about High severity alerts. In a scope's policy either value may be left null, and then inherits on its
 * own; in an effective policy both are set.
 */
public record SecurityContact(
        @Size(max = 20) List<@NotBlank @Email(regexp = ".+@.+\\..+") @Size(max = 254) String> emails,
        @JsonDeserialize(using = StrictBoolean.class) Boolean notifyOnHighSeverityAlerts) {

    public static final SecurityContact NONE = new SecurityContact(List.of(), false);
}
