package dev.rampart.providers.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderBreakerChanged;
import dev.rampart.providers.ProviderException;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs every attempt of a model call behind a circuit breaker per provider and model and a bulkhead per provider
 * (Resilience4j), and retries what may be retried: a {@link ProviderException} of a retriable kind, before any
 * output reached the caller, up to {@code max-attempts}, waiting {@link Backoff} in between. Breakers read time
 * from the injected clock, so an open breaker's wait passes with the clock (tests move it instead of sleeping).
 */
@Component
class ProviderResilience {

	private static final Logger log = LoggerFactory.getLogger(ProviderResilience.class);

	/** One attempt of a call; throws {@link ProviderException} for a provider failure. */
	@FunctionalInterface
	interface Attempt<T> {
		T run();
	}

	/** Waits between attempts; tests may pass one that does not sleep. */
	@FunctionalInterface
	interface Sleeper {
		void sleep(Duration duration) throws InterruptedException;
	}

	private final @Nullable BreakerEvents events;
	private final Clock clock;
	private final MeterRegistry meters;
	private final Sleeper sleeper;
	private final RandomGenerator random;
	private final Cache<String, Breaker> breakers;
	private final Cache<String, Bulkhead> bulkheads;

	@Autowired
	ProviderResilience(Clock clock, MeterRegistry meters, BreakerEvents events) {
		this(clock, meters, duration -> Thread.sleep(duration), RandomGenerator.getDefault(), events);
	}

	ProviderResilience(Clock clock, MeterRegistry meters, Sleeper sleeper, RandomGenerator random,
			@Nullable BreakerEvents events) {
		this.events = events;
		this.clock = clock;
		this.meters = meters;
		this.sleeper = sleeper;
		this.random = random;
		// a provider's changed configuration gets new ones (its key changes); unused ones go after a day
		this.breakers = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1)).build();
		this.bulkheads = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1)).build();
	}

	/** The breaker's state for a provider and model ({@code CLOSED} when it was never called). */
	CircuitBreaker.State state(Provider provider, String model) {
		Breaker breaker = breakers.getIfPresent(provider.key() + "/" + model);
		return breaker == null ? CircuitBreaker.State.CLOSED : breaker.breaker().getState();
	}

	/** How many breakers (of any provider and model) are open or half-open on this node. */
	long openBreakers() {
		return breakers.asMap().values().stream()
			.filter(breaker -> breaker.breaker().getState() != CircuitBreaker.State.CLOSED)
			.count();
	}

	/**
	 * How long until the breaker of this provider and model lets a call through again: zero when it is closed or
	 * half-open (or was never called).
	 */
	Duration untilAvailable(Provider provider, String model) {
		Breaker breaker = breakers.getIfPresent(provider.key() + "/" + model);
		if (breaker == null || breaker.breaker().getState() != CircuitBreaker.State.OPEN) {
			return Duration.ZERO;
		}
		return breaker.remainingWait(clock);
	}

	<T> T call(Provider provider, String model, Attempt<T> attempt) {
		ProvidersProperties.Resilience settings = provider.resilience();
		Breaker breaker = breakers.get(provider.key() + "/" + model, key -> breaker(provider, model));
		Bulkhead bulkhead = bulkheads.get(provider.key(), key -> bulkhead(provider));
		for (int number = 1;; number++) {
			if (!breaker.breaker().tryAcquirePermission()) {
				throw new RampartException(ErrorCode.PROVIDER_UNAVAILABLE, "The circuit breaker of provider '" + provider.id()
						+ "', model '" + model + "' is open after repeated failures.", breaker.remainingWait(clock), null);
			}
			if (!bulkhead.tryAcquirePermission()) {
				breaker.breaker().releasePermission();
				throw new RampartException(ErrorCode.PROVIDER_UNAVAILABLE, "Provider '" + provider.id() + "' already has "
						+ settings.maxConcurrentCalls() + " calls in flight on this node, its limit.", Duration.ofSeconds(1), null);
			}
			ProviderException failure;
			try {
				T result = attempt.run();
				breaker.breaker().onSuccess(0, java.util.concurrent.TimeUnit.NANOSECONDS);
				return result;
			}
			catch (ProviderException ex) {
				if (ex.kind().providerSide()) {
					breaker.breaker().onError(0, java.util.concurrent.TimeUnit.NANOSECONDS, ex);
				}
				else {
					breaker.breaker().releasePermission();
				}
				failure = ex;
			}
			catch (RuntimeException ex) {
				breaker.breaker().releasePermission();
				throw ex;
			}
			finally {
				bulkhead.onComplete();
			}
			if (failure.nextKey()) {
				// another key is ready: not a retry of the provider, no wait, no attempt counted
				number--;
				continue;
			}
			if (!failure.mayRetry() || number >= settings.maxAttempts()) {
				throw failure;
			}
			Duration wait = Backoff.delay(number, failure.retryAfter(), settings.backoffBase(), settings.backoffMax(),
					settings.maxRetryAfter(), random);
			meters.counter("rampart.providers.retries", "provider", provider.id(), "kind", failure.kind().name()).increment();
			try {
				sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failure;
			}
		}
	}

	private static Bulkhead bulkhead(Provider provider) {
		return Bulkhead.of("provider-" + provider.key(), BulkheadConfig.custom()
			.maxConcurrentCalls(provider.resilience().maxConcurrentCalls())
			.maxWaitDuration(Duration.ZERO)
			.build());
	}

	private Breaker breaker(Provider provider, String model) {
		ProvidersProperties.Resilience settings = provider.resilience();
		// a count window as long as the threshold, opening at 100 %: the last N calls all failed
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindow(settings.breakerFailures(), settings.breakerFailures(), SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(100)
			.waitDurationInOpenState(settings.breakerWait())
			.permittedNumberOfCallsInHalfOpenState(1)
			.clock(clock)
			.build();
		CircuitBreaker breaker = CircuitBreaker.of(provider.key() + "/" + model, config);
		AtomicReference<@Nullable Instant> openedAt = new AtomicReference<>();
		breaker.getEventPublisher().onStateTransition(event -> {
			CircuitBreaker.State to = event.getStateTransition().getToState();
			if (to == CircuitBreaker.State.OPEN) {
				openedAt.set(clock.instant());
			}
			meters.counter("rampart.providers.breaker.transitions", "provider", provider.id(), "model", model, "to", to.name())
				.increment();
			log.warn("Circuit breaker of provider '{}', model '{}': {}", provider.id(), model, event.getStateTransition());
			if (events != null) {
				events.changed(provider, model, new ProviderBreakerChanged(provider.tenant(), provider.id(), model,
						event.getStateTransition().getFromState().name(), to.name(),
						to == CircuitBreaker.State.OPEN ? settings.breakerWait() : null, clock.instant()));
			}
		});
		Gauge.builder("rampart.providers.breaker.state", breaker, ProviderResilience::gaugeValue)
			.description("0 closed, 1 half-open, 2 open")
			.tag("provider", provider.id())
			.tag("model", model)
			.register(meters);
		return new Breaker(breaker, openedAt, settings.breakerWait());
	}

	private static double gaugeValue(CircuitBreaker breaker) {
		return switch (breaker.getState()) {
			case OPEN, FORCED_OPEN -> 2;
			case HALF_OPEN -> 1;
			default -> 0;
		};
	}

	private record Breaker(CircuitBreaker breaker, AtomicReference<@Nullable Instant> openedAt, Duration openWait) {

		/** The time left until the open breaker lets a probe through; at least one second. */
		Duration remainingWait(Clock clock) {
			Instant opened = openedAt.get();
			if (opened == null) {
				return openWait;
			}
			Duration left = Duration.between(clock.instant(), opened.plus(openWait));
			return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
		}
	}
}
