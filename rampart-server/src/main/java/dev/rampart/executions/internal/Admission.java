package dev.rampart.executions.internal;

import java.time.Clock;
import java.util.Locale;

import dev.rampart.executions.RunAdmissionChanged;
import dev.rampart.executions.RunsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Memory-pressure admission (docs/runs.md, "Memory pressure"): samples the heap ({@link HeapGauge}) every
 * {@code sample-interval} and keeps {@link #limit()}, the runs this node executes at once, by {@link AdmissionLimit}.
 * The dispatcher ({@link RunWorkers}) does not claim while that many are in flight, so queued runs wait in the queue
 * (or for another node); none is dropped or failed, and runs in flight finish. Observable as the gauges
 * {@code rampart.runs.admission.limit} and {@code rampart.runs.heap.occupancy}, a WARN line when throttling starts and
 * ends, and a {@link RunAdmissionChanged} event at every change. Started and stopped by {@link RunWorkers}.
 */
@Component
class Admission {

	private static final Logger log = LoggerFactory.getLogger(Admission.class);

	private final HeapGauge gauge;
	private final RunsProperties.MemoryPressure settings;
	private final RunSignals signals;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final AdmissionLimit state;
	private volatile int limit;
	private volatile double occupancy = Double.NaN;
	private String node = "";
	private @Nullable Thread sampler;

	Admission(HeapGauge gauge, RunsProperties properties, RunSignals signals, ApplicationEventPublisher events,
			MeterRegistry meters, Clock clock) {
		this.gauge = gauge;
		this.settings = properties.memoryPressure();
		this.signals = signals;
		this.events = events;
		this.clock = clock;
		this.state = new AdmissionLimit(properties.workers(), settings);
		this.limit = properties.workers();
		Gauge.builder("rampart.runs.admission.limit", this, Admission::limit)
			.description("Runs this node executes at once, reduced under memory pressure")
			.register(meters);
		Gauge.builder("rampart.runs.heap.occupancy", this, admission -> admission.occupancy)
			.description("Heap occupancy after the last old-generation collection, as memory-pressure admission sees it")
			.register(meters);
	}

	/** The runs this node executes at once now: {@code workers}, or fewer under memory pressure. */
	int limit() {
		return limit;
	}

	/** Starts sampling (when enabled) for the node named {@code node}. */
	synchronized void start(String node) {
		this.node = node;
		if (!settings.enabled() || sampler != null) {
			return;
		}
		sampler = Thread.ofPlatform().daemon().name("run-admission").start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				try {
					Thread.sleep(settings.sampleInterval());
				}
				catch (InterruptedException ex) {
					return;
				}
				try {
					sample();
				}
				catch (RuntimeException ex) {
					log.warn("Could not sample the heap for admission ({}); the limit holds", ex.toString());
				}
			}
		});
	}

	synchronized void stop() {
		if (sampler != null) {
			sampler.interrupt();
			sampler = null;
		}
	}

	/** One sample: reads the gauge and applies the change, if any. */
	synchronized void sample() {
		double now = gauge.occupancy();
		occupancy = now;
		int before = limit;
		int after = state.sample(now);
		if (after == before) {
			return;
		}
		limit = after;
		int workers = state.workers();
		String percent = String.format(Locale.ROOT, "%.0f %%", now * 100);
		if (before == workers) {
			log.warn("Memory pressure: the heap stays {} full; this node now executes at most {} of {} runs at once and "
					+ "queued runs wait", percent, after, workers);
		}
		else if (after == workers) {
			log.warn("Memory pressure is over (heap {} full); this node executes up to {} runs at once again", percent, after);
		}
		else {
			log.info("Memory pressure: heap {} full; this node executes at most {} of {} runs at once", percent, after, workers);
		}
		events.publishEvent(new RunAdmissionChanged(node, after, workers, now, after < workers, clock.instant()));
		if (after > before) {
			signals.wake();
		}
	}
}
