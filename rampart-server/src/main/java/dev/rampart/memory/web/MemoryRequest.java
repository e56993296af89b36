package dev.rampart.memory.web;

import dev.rampart.memory.MemoryScopes;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/agents/{agentId}/memories}.
 *
 * @param text what to remember, 1 to 8,000 characters
 * @param importance 0 to 1; left out, a heuristic estimates it
 * @param scope left out or empty for the whole agent, {@code thread:<id>} or {@code user:<id>}
 */
record MemoryRequest(@NotBlank @Size(max = 8_000) String text,
		@Nullable @DecimalMin("0") @DecimalMax("1") Float importance,
		@Nullable @Pattern(regexp = MemoryScopes.REGEX,
				message = "must be empty (the whole agent), thread:<id> or user:<id>; ids are letters, digits and ._@:- (at most 128)") String scope) {
}
