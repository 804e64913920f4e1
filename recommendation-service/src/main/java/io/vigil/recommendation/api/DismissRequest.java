package io.vigil.recommendation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Why a recommendation is dismissed and, optionally, until when. */
public record DismissRequest(@NotBlank @Size(max = 1000) String reason, Instant expiresAt) {}
