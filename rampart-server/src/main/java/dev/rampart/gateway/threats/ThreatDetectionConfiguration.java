package dev.rampart.gateway.threats;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.rampart.gateway.ThreatProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Threat detection on the request path and in the background. The recording filter sits right after
 * the address rate limit and wraps Spring Security, so it sees every answer, 401s included; the
 * capture interceptor runs first among the interceptors. One virtual thread closes and scores
 * windows every few seconds and retrains the models every {@code retrain-interval}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rampart.gateway.threats.enabled", havingValue = "true", matchIfMissing = true)
class ThreatDetectionConfiguration implements WebMvcConfigurer {

	private static final Logger log = LoggerFactory.getLogger(ThreatDetectionConfiguration.class);

	@Bean
	ThreatRecorder threatRecorder(ThreatProperties properties, Clock clock) {
		return new ThreatRecorder(clock, properties.window(), properties.maxKeys());
	}

	@Bean
	ThreatDetector threatDetector(ThreatRecorder recorder, ThreatProperties properties, Clock clock, JdbcAnomalies anomalies,
			Throttles throttles) {
		return new ThreatDetector(recorder, new ThreatModels(properties, SeedWindows.load()),
				new Usuals(clock, properties.maxKeys()), new AnomalyReactions(anomalies, throttles, properties.coolDown(), clock));
	}

	/** Not a ScheduledExecutorService bean: Spring's scheduling would then have two to choose from. */
	@Bean(destroyMethod = "close")
	ThreatSchedule threatSchedule(ThreatDetector detector, ThreatProperties properties) {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual()
			.name("threat-detection")
			.factory());
		long close = Math.min(properties.window().toMillis() / 4, Duration.ofSeconds(5).toMillis());
		executor.scheduleWithFixedDelay(() -> run("close windows", detector::closeWindows), close, close, TimeUnit.MILLISECONDS);
		long retrain = properties.retrainInterval().toMillis();
		executor.scheduleWithFixedDelay(() -> run("retrain", detector::retrain), retrain, retrain, TimeUnit.MILLISECONDS);
		return new ThreatSchedule(executor);
	}

	/** The background thread of threat detection, stopped with the node. */
	record ThreatSchedule(ScheduledExecutorService executor) implements AutoCloseable {

		@Override
		public void close() {
			executor.shutdownNow();
		}
	}

	@Bean
	FilterRegistrationBean<ThreatRecordingFilter> threatRecordingFilter(ThreatRecorder recorder) {
		var registration = new FilterRegistrationBean<>(new ThreatRecordingFilter(recorder));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new CallerCapture()).order(Ordered.HIGHEST_PRECEDENCE);
	}

	private static void run(String what, Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			log.error("Threat detection could not {}; it tries again at the next turn", what, ex);
		}
	}
}
