package dev.rampart.memory;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rampart.memory.*}: how eviction weighs memories and how search over-fetches from the index (docs/memory.md,
 * "Eviction"). The index itself is configured under {@code rampart.memory.index.*} ({@link MemoryIndexProperties}).
 *
 * @param importanceWeight w_i, weight of a memory's importance (default 1.0)
 * @param recencyWeight w_r, weight of {@code 2^(−age/half-life)}, age = time since the last access (default 1.0)
 * @param useWeight w_u, weight of {@code ln(1 + access count)} (default 0.25)
 * @param recencyHalfLife after this long without access the recency term halves (default 7 days)
 * @param oversampling a search asks the index for topK × this many candidates before filtering by scope (default 4)
 */
@ConfigurationProperties("rampart.memory")
@Validated
public record MemoryProperties(@DefaultValue("1.0") @DecimalMin("0") @DecimalMax("100") double importanceWeight,
		@DefaultValue("1.0") @DecimalMin("0") @DecimalMax("100") double recencyWeight,
		@DefaultValue("0.25") @DecimalMin("0") @DecimalMax("100") double useWeight,
		@DefaultValue("7d") Duration recencyHalfLife, @DefaultValue("4") @Min(1) @Max(100) int oversampling) {

	public MemoryProperties {
		if (recencyHalfLife.isNegative() || recencyHalfLife.isZero()) {
			throw new IllegalArgumentException("rampart.memory.recency-half-life must be positive");
		}
	}

	/** The defaults, for tests and benchmarks. */
	public static MemoryProperties defaults() {
		return new MemoryProperties(1.0, 1.0, 0.25, Duration.ofDays(7), 4);
	}
}
