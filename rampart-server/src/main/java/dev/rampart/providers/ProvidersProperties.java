package dev.rampart.providers;

import java.math.BigDecimal;
import java.util.Map;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.Range;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Built-in providers, model prices, and how model calls survive provider failures.
 *
 * @param sim the built-in LLM simulator, registered as provider {@code sim}
 * @param resilience retries, circuit breakers, bulkheads and time limits of every model call
 * @param prices USD per million tokens by provider id, then model name
 *        ({@code rampart.providers.prices.<provider>.<model>.input|output}; a model name with dots goes in
 *        brackets: {@code prices.openai.[gpt-4.1].input}). A model without a price costs 0.
 * @param allowPrivateNetworks whether tenants may point providers at loopback and private networks (a local Ollama
 *        or vLLM); a shared installation should set it false. Link-local and metadata addresses are always refused.
 */
@ConfigurationProperties("rampart.providers")
@Validated
public record ProvidersProperties(@DefaultValue @Valid Sim sim, @DefaultValue @Valid Resilience resilience,
		@DefaultValue Map<String, Map<String, @Valid Price>> prices, @DefaultValue("true") boolean allowPrivateNetworks) {

	@ConstructorBinding
	public ProvidersProperties {
	}

	/** Private networks allowed, as by default. */
	public ProvidersProperties(Sim sim, Resilience resilience, Map<String, Map<String, Price>> prices) {
		this(sim, resilience, prices, true);
	}

	/**
	 * @param enabled start the simulator in-process at start-up ({@code RAMPART_PROVIDERS_SIM_ENABLED})
	 * @param port loopback port it listens on; 0 picks a free one
	 */
	public record Sim(@DefaultValue("true") boolean enabled, @DefaultValue("0") @Range(min = 0, max = 65535) int port) {
	}

	/**
	 * A model's price, exact to the millionth of a dollar per million tokens.
	 *
	 * @param input USD per million input (prompt) tokens
	 * @param output USD per million output (completion) tokens
	 */
	public record Price(@NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 6) BigDecimal input,
			@NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 6) BigDecimal output) {
	}

	/**
	 * Checked here, in one place: a bad value stops the start with a message naming the property.
	 *
	 * @param maxAttempts attempts per call, the first included (1 = no retry)
	 * @param backoffBase the cap of the first retry's random wait; doubles with each retry (full jitter)
	 * @param backoffMax the largest cap a retry's random wait may reach
	 * @param maxRetryAfter the longest a provider's {@code Retry-After} is honoured; a longer one is cut to this
	 * @param breakerFailures consecutive provider-side failures of one provider and model that open its breaker
	 * @param breakerWait how long an open breaker refuses calls before it lets one probe call through (half-open):
	 *     the probe's success closes it, its failure opens it again
	 * @param maxConcurrentCalls calls one provider may have in flight on this node (bulkhead); more are refused
	 * @param connectTimeout time to open a connection to the provider
	 * @param firstTokenTimeout time from sending a streamed request to its first piece of reply
	 * @param totalTimeout time a whole call (or a whole stream) may take
	 */
	public record Resilience(@DefaultValue("3") int maxAttempts, @DefaultValue("200ms") Duration backoffBase,
			@DefaultValue("10s") Duration backoffMax, @DefaultValue("30s") Duration maxRetryAfter,
			@DefaultValue("5") int breakerFailures, @DefaultValue("60s") Duration breakerWait,
			@DefaultValue("64") int maxConcurrentCalls,
			@DefaultValue("10s") Duration connectTimeout, @DefaultValue("60s") Duration firstTokenTimeout,
			@DefaultValue("120s") Duration totalTimeout) {

		private static final String PREFIX = "rampart.providers.resilience.";

		public Resilience {
			range("max-attempts", maxAttempts, 1, 10);
			range("breaker-failures", breakerFailures, 1, 1000);
			range("max-concurrent-calls", maxConcurrentCalls, 1, 10_000);
			positive("backoff-base", backoffBase);
			positive("backoff-max", backoffMax);
			positive("max-retry-after", maxRetryAfter);
			positive("breaker-wait", breakerWait);
			positive("connect-timeout", connectTimeout);
			positive("first-token-timeout", firstTokenTimeout);
			positive("total-timeout", totalTimeout);
			if (backoffMax.compareTo(backoffBase) < 0) {
				throw new IllegalArgumentException(PREFIX + "backoff-max (" + backoffMax + ") must not be below backoff-base ("
						+ backoffBase + ")");
			}
			if (firstTokenTimeout.compareTo(totalTimeout) > 0) {
				throw new IllegalArgumentException(PREFIX + "first-token-timeout (" + firstTokenTimeout
						+ ") must not exceed total-timeout (" + totalTimeout + ")");
			}
		}

		/** The defaults, as documented in docs/providers.md. */
		public static Resilience defaults() {
			return new Resilience(3, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(30), 5,
					Duration.ofSeconds(60), 64, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120));
		}

		private static void range(String name, int value, int min, int max) {
			if (value < min || value > max) {
				throw new IllegalArgumentException(PREFIX + name + " must be between " + min + " and " + max + ", not " + value);
			}
		}

		private static void positive(String name, Duration value) {
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(PREFIX + name + " must be a positive duration, not " + value);
			}
		}
	}
}
