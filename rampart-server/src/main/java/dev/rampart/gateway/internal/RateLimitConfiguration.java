package dev.rampart.gateway.internal;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.rampart.gateway.RateLimitProperties;
import dev.rampart.gateway.RedisProperties;
import dev.rampart.gateway.TenantQuotas;
import dev.rampart.shared.ActiveRuns;
import dev.rampart.gateway.ThreatThrottle;
import dev.rampart.shared.ProblemWriter;
import dev.rampart.shared.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rate limits on the request path. Address, sign-in and refresh limits are a servlet filter ahead
 * of everything else (before Spring Security, so even unauthenticated floods are counted). The
 * limits that need the principal are a Spring MVC interceptor ordered before identity's permission
 * interceptor: by then the bearer filter has put the principal in the SecurityContext, and the
 * gateway needs no hook inside identity's security chain. Requests that fail authentication never
 * reach it; the address limit has counted them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rampart.gateway.rate-limits.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration implements WebMvcConfigurer {

	private final RateLimitProperties limits;
	private final RateLimiter limiter;
	private final RateLimitResponses responses;
	private final ThreatThrottle throttle;

	private final TenantQuotas quotas;

	RateLimitConfiguration(RateLimitProperties limits, RateLimiter limiter, Problems problems, ProblemWriter writer,
			MeterRegistry meters, TenantQuotas quotas, ObjectProvider<ThreatThrottle> throttle) {
		this.limits = limits;
		this.limiter = limiter;
		this.responses = new RateLimitResponses(problems, writer, meters);
		this.quotas = quotas;
		this.throttle = throttle.getIfAvailable(() -> ThreatThrottle.NONE);
	}

	@Bean
	static TenantQuotas tenantQuotas(RateLimiter limiter, RateLimitProperties limits, ObjectProvider<ActiveRuns> activeRuns,
			MeterRegistry meters, ApplicationEventPublisher events, Clock clock) {
		return new RateLimitedQuotas(limiter, limits, activeRuns.getIfAvailable(), meters, events, clock);
	}

	@Bean(destroyMethod = "close")
	static RateLimiter rateLimiter(RateLimitProperties limits, RedisProperties redis, Clock clock) {
		RedisBuckets shared = redis.url() == null || redis.url().isBlank() ? null
				: new RedisBuckets(redis.url(), limits.redisTimeout(), clock, UUID.randomUUID().toString(), limits.heartbeat());
		return new RateLimiter(clock, limits.maxBuckets(), shared, limits.redisRetry());
	}

	/** Keeps the node count in Redis current even while this node gets no traffic. */
	@Bean(destroyMethod = "shutdownNow")
	static ScheduledExecutorService rateLimitHeartbeat(RateLimiter limiter, RateLimitProperties limits) {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.name("rate-limit-heartbeat")
			.daemon()
			.factory());
		long period = limits.heartbeat().toMillis();
		executor.scheduleWithFixedDelay(() -> {
			try {
				limiter.heartbeat();
			}
			catch (RuntimeException ex) {
				// RateLimiter logged the loss and falls back; the next beat tries again
			}
		}, 0, period, TimeUnit.MILLISECONDS);
		return executor;
	}

	@Bean
	FilterRegistrationBean<AddressRateLimitFilter> addressRateLimitFilter() {
		var registration = new FilterRegistrationBean<>(new AddressRateLimitFilter(limiter, limits, responses, throttle));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new PrincipalRateLimitInterceptor(limiter, limits, responses, quotas, throttle))
			.order(Ordered.HIGHEST_PRECEDENCE + 1); // after threat detection's caller capture
	}
}
