package io.vigil.common.policy;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Who is told about High severity alerts. */
public record SecurityContact(
        @Size(max = 20) List<@NotBlank @Email(regexp = ".+@.+\\..+") @Size(max = 254) String> emails,
        Boolean notifyOnHighSeverityAlerts) {

    public static final SecurityContact NONE = new SecurityContact(List.of(), false);
}
