package dev.rampart.tools.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TracedThreads;
import dev.rampart.shared.schema.DefinitionInvalidException;
import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.shared.schema.JsonSchemas.CompiledSchema;
import dev.rampart.tools.BuiltInTools;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolInvoker;
import dev.rampart.tools.ToolOutcome;
import dev.rampart.tools.ToolOutcome.Status;
import dev.rampart.tools.ToolPolicy;
import dev.rampart.tools.ToolResult;
import dev.rampart.tools.ToolsProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link ToolInvoker}: schema check (compiled schemas cached by tool name and schema), a virtual thread per call under
 * the policy's timeout, a breaker per tenant and external tool (built-ins run in-process and have none), the output cap
 * and the {@code rampart.tools.calls} observation (a span, in the caller's trace, with the tool's own thread and its
 * outbound HTTP calls inside it, and a timer by tool and status). A tool that throws is a failed outcome; the exception
 * is logged, not shown.
 */
@Component
class DefaultToolInvoker implements ToolInvoker {

	/** Breaker: judged over the last {@value} calls of a tenant's tool. */
	static final int BREAKER_WINDOW = 10;

	/** Breaker: no verdict before this many calls. */
	static final int BREAKER_MINIMUM_CALLS = 5;

	/** Breaker: opens when at least this percentage of the window failed or timed out. */
	static final float BREAKER_FAILURE_RATE = 50;

	/** Breaker: how long it stays open before letting trial calls through. */
	static final Duration BREAKER_OPEN_FOR = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(DefaultToolInvoker.class);

	private final JsonSchemas schemas;
	private final BuiltInTools builtIns;
	private final ObservationRegistry observations;
	private final Clock clock;
	private final int maxOutputChars;
	private final Cache<String, Compiled> compiled = Caffeine.newBuilder().maximumSize(5_000).build();
	private final Cache<String, Breaker> breakers = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1))
		.maximumSize(50_000).build();
	private final CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
		.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
		.slidingWindowSize(BREAKER_WINDOW)
		.minimumNumberOfCalls(BREAKER_MINIMUM_CALLS)
		.failureRateThreshold(BREAKER_FAILURE_RATE)
		.waitDurationInOpenState(BREAKER_OPEN_FOR)
		.permittedNumberOfCallsInHalfOpenState(1)
		.recordExceptions(Throwable.class)
		.build();

	/** A tool's compiled schema, or why it could not be compiled. */
	private record Compiled(@Nullable CompiledSchema schema, @Nullable String problem) {
	}

	/** A breaker and when it last opened until. */
	private record Breaker(CircuitBreaker breaker, AtomicReference<Instant> openUntil) {
	}

	DefaultToolInvoker(JsonSchemas schemas, BuiltInTools builtIns, ObservationRegistry observations, Clock clock,
			ToolsProperties properties) {
		this.schemas = schemas;
		this.builtIns = builtIns;
		this.observations = observations;
		this.clock = clock;
		this.maxOutputChars = properties.maxOutputChars();
	}

	@Override
	public ToolOutcome invoke(Tool tool, ToolPolicy policy, ToolCall call) {
		Observation observation = Observation.createNotStarted("rampart.tools.calls", observations)
			.contextualName("execute_tool " + tool.name())
			.lowCardinalityKeyValue("tool", tool.name())
			.lowCardinalityKeyValue("status", "failed")
			.highCardinalityKeyValue("gen_ai.operation.name", "execute_tool")
			.highCardinalityKeyValue("gen_ai.tool.name", tool.name())
			.highCardinalityKeyValue("tenant.id", call.tenant().toString())
			.highCardinalityKeyValue("input.size", Integer.toString(call.arguments().toString().length()));
		return observation.observe(() -> {
			ToolOutcome outcome = run(tool, policy, call, System.nanoTime());
			String status = outcome.status().name().toLowerCase(Locale.ROOT);
			observation.lowCardinalityKeyValue("status", status);
			observation.highCardinalityKeyValue("execution.success", Boolean.toString(outcome.status() == Status.OK));
			if (outcome.status() != Status.OK) {
				observation.highCardinalityKeyValue("error.type", status);
			}
			return outcome;
		});
	}

	private ToolOutcome run(Tool tool, ToolPolicy policy, ToolCall call, long start) {
		Compiled schema = compiled.get(tool.name() + "#" + tool.parameters().toString().hashCode() + "#"
				+ tool.parameters().toString().length(), key -> compile(tool));
		if (schema.problem() != null) {
			return outcome(Status.FAILED, "The tool " + tool.name() + " cannot be called: " + schema.problem(), start);
		}
		List<FieldProblem> violations = schema.schema().violations(call.arguments());
		if (!violations.isEmpty()) {
			return outcome(Status.INVALID_ARGUMENTS, "The arguments do not match the tool's schema, so " + tool.name()
					+ " was not run: " + violations.stream().map(v -> v.field() + " " + v.message())
						.collect(Collectors.joining("; ")) + ". Correct them and call it again.", start);
		}
		Breaker breaker = external(tool) ? breaker(call.tenant(), tool.name()) : null;
		if (breaker != null && !breaker.breaker().tryAcquirePermission()) {
			Instant until = breaker.openUntil().get();
			return outcome(Status.UNAVAILABLE, "The tool " + tool.name() + " is unavailable until "
					+ (until == null ? "later" : until.toString()) + " after repeated failures; it was not called. Go on without it.",
					start);
		}
		ToolOutcome outcome = execute(tool, policy, call, start);
		if (breaker != null) {
			long took = System.nanoTime() - start;
			if (outcome.status() == Status.FAILED || outcome.status() == Status.TIMED_OUT) {
				breaker.breaker().onError(took, TimeUnit.NANOSECONDS, new ToolFailed(outcome.status()));
			}
			else {
				breaker.breaker().onSuccess(took, TimeUnit.NANOSECONDS);
			}
		}
		return outcome;
	}

	private ToolOutcome execute(Tool tool, ToolPolicy policy, ToolCall call, long start) {
		FutureTask<ToolResult> task = new FutureTask<>(TracedThreads.carry(() -> tool.call(call)));
		Thread.ofVirtual().name("tool-" + tool.name()).start(task);
		try {
			ToolResult result = task.get(policy.timeout().toNanos(), TimeUnit.NANOSECONDS);
			return outcome(result.failed() ? Status.FAILED : Status.OK, result.output(), start);
		}
		catch (TimeoutException ex) {
			task.cancel(true);
			return outcome(Status.TIMED_OUT, "The tool " + tool.name() + " did not answer within " + policy.timeout().toMillis()
					+ " ms and was stopped.", start);
		}
		catch (ExecutionException ex) {
			log.warn("tool {} of tenant {} threw", tool.name(), call.tenant(), ex.getCause());
			return outcome(Status.FAILED, "The tool " + tool.name() + " failed unexpectedly.", start);
		}
		catch (InterruptedException ex) {
			task.cancel(true);
			Thread.currentThread().interrupt();
			return outcome(Status.FAILED, "The tool " + tool.name() + " was stopped because the step was cancelled.", start);
		}
	}

	private ToolOutcome outcome(Status status, String output, long start) {
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		if (output.length() <= maxOutputChars) {
			return new ToolOutcome(output, status, took, false);
		}
		String note = "\n[output truncated: the first %d of %d characters are shown]";
		String marker = note.formatted(maxOutputChars, output.length());
		int keep = Math.max(0, maxOutputChars - marker.length());
		return new ToolOutcome(output.substring(0, keep) + note.formatted(keep, output.length()), status, took, true);
	}

	private Compiled compile(Tool tool) {
		try {
			return new Compiled(schemas.compile(tool.parameters()), null);
		}
		catch (DefinitionInvalidException ex) {
			log.warn("tool {} has an invalid argument schema: {}", tool.name(), ex.getMessage());
			return new Compiled(null, "its argument schema is not valid JSON Schema.");
		}
	}

	/** How many external tools' breakers (of any tenant) are open on this node now; for the health check. */
	int openBreakers() {
		return (int) breakers.asMap().values().stream()
			.filter(b -> b.breaker().getState() == CircuitBreaker.State.OPEN)
			.count();
	}

	/** How many tenants' external tools hold a breaker on this node, and how many of those tenants have one open. */
	BreakerTenants breakerTenants() {
		Set<String> tenants = new HashSet<>();
		Set<String> open = new HashSet<>();
		breakers.asMap().forEach((key, held) -> {
			String tenant = key.substring(0, key.indexOf('/'));
			tenants.add(tenant);
			if (held.breaker().getState() == CircuitBreaker.State.OPEN) {
				open.add(tenant);
			}
		});
		return new BreakerTenants(tenants.size(), open.size());
	}

	/** Tenants with a tool breaker on this node, and those of them with one open. */
	record BreakerTenants(int tenants, int open) {
	}

	/** A tool that is not the built-in of its name runs outside this node's control: a breaker guards it. */
	private boolean external(Tool tool) {
		return builtIns.find(tool.name()).filter(builtIn -> builtIn == tool).isEmpty();
	}

	private Breaker breaker(TenantId tenant, String name) {
		return breakers.get(tenant.value() + "/" + name, key -> {
			CircuitBreaker breaker = CircuitBreaker.of("tool " + key, breakerConfig);
			AtomicReference<Instant> openUntil = new AtomicReference<>();
			breaker.getEventPublisher().onStateTransition(event -> {
				if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
					openUntil.set(clock.instant().plus(BREAKER_OPEN_FOR));
				}
			});
			return new Breaker(breaker, openUntil);
		});
	}

	/** What the breaker records for a failed or timed-out call (no stack: it is a verdict, not an error). */
	static final class ToolFailed extends RuntimeException {

		ToolFailed(Status status) {
			super(status.name(), null, false, false);
		}
	}
}
