package dev.rampart.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.rampart.shared.TenantId;
import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.tools.BuiltInTools;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolOutcome;
import dev.rampart.tools.ToolOutcome.Status;
import dev.rampart.tools.ToolPolicy;
import dev.rampart.tools.ToolResult;
import dev.rampart.tools.ToolsProperties;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The invoker checks arguments, bounds time, guards external tools with a breaker and caps what a tool returns. */
class ToolInvokerTest {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private final JsonMapper json = JsonMapper.builder().build();
	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	private final ObservationRegistry observations = observations(meters);
	private final FakeTool builtIn = new FakeTool("calculator", call -> ToolResult.failed("always fails"));
	private final BuiltInTools builtIns = () -> List.of(builtIn);
	private final DefaultToolInvoker invoker = new DefaultToolInvoker(new JsonSchemas(json), builtIns, observations,
			Clock.fixed(NOW, ZoneOffset.UTC), new ToolsProperties(new ToolsProperties.Egress(List.of()), 200));

	/** A tool that counts its calls and answers what it is told to. */
	final class FakeTool implements Tool {

		final AtomicInteger calls = new AtomicInteger();
		private final String name;
		private final Function<ToolCall, ToolResult> behaviour;

		FakeTool(String name, Function<ToolCall, ToolResult> behaviour) {
			this.name = name;
			this.behaviour = behaviour;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public String description() {
			return "a fake";
		}

		@Override
		public JsonNode parameters() {
			return json.readTree("""
					{"type":"object","additionalProperties":false,"required":["city"],
					 "properties":{"city":{"type":"string","maxLength":20},"days":{"type":"integer","minimum":1}}}""");
		}

		@Override
		public ToolResult call(ToolCall call) {
			calls.incrementAndGet();
			return behaviour.apply(call);
		}
	}

	private ToolOutcome invoke(Tool tool, String arguments) {
		return invoker.invoke(tool, ToolPolicy.defaults(), call(arguments));
	}

	private ToolCall call(String arguments) {
		return new ToolCall(TenantId.DEFAULT, json.readTree(arguments), "run-1", null);
	}

	@Test
	void validArgumentsRunTheToolAndItsOutputComesBack() {
		FakeTool weather = new FakeTool("weather", call -> ToolResult.ok("sunny in " + call.arguments().get("city").asString()));

		ToolOutcome outcome = invoke(weather, "{\"city\":\"Lyon\"}");

		assertThat(outcome.status()).isEqualTo(Status.OK);
		assertThat(outcome.output()).isEqualTo("sunny in Lyon");
		assertThat(outcome.truncated()).isFalse();
		assertThat(outcome.took()).isPositive();
		assertThat(meters.get("rampart.tools.calls").tag("tool", "weather").tag("status", "ok").timer().count()).isEqualTo(1);
	}

	@Test
	void argumentsThatBreakTheSchemaAreReportedByPathAndTheToolIsNotRun() {
		FakeTool weather = new FakeTool("weather", call -> ToolResult.ok("sunny"));

		ToolOutcome outcome = invoke(weather, "{\"days\":0,\"units\":\"metric\"}");

		assertThat(outcome.status()).isEqualTo(Status.INVALID_ARGUMENTS);
		assertThat(outcome.output()).contains("city is required").contains("days").contains("units is not a known field");
		assertThat(weather.calls).hasValue(0);
	}

	@Test
	void aToolThatOverrunsItsTimeoutIsInterruptedAndReportedAsTimedOut() {
		AtomicBoolean interrupted = new AtomicBoolean();
		CountDownLatch never = new CountDownLatch(1);
		FakeTool slow = new FakeTool("slow", call -> {
			try {
				never.await();
				return ToolResult.ok("never");
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
				return ToolResult.failed("interrupted");
			}
		});

		ToolOutcome outcome = invoker.invoke(slow, ToolPolicy.defaults().withTimeout(Duration.ofMillis(200)), call("{\"city\":\"Oslo\"}"));

		assertThat(outcome.status()).isEqualTo(Status.TIMED_OUT);
		assertThat(outcome.output()).contains("did not answer within 200 ms");
		// On a busy machine the time may run out before the virtual thread starts the tool: then it never runs at all.
		await().until(() -> interrupted.get() || slow.calls.get() == 0);
	}

	@Test
	void anExternalToolThatKeepsFailingIsNotCalledWhileItsBreakerIsOpen() {
		FakeTool flaky = new FakeTool("flaky", call -> ToolResult.failed("503 from upstream"));

		for (int i = 0; i < DefaultToolInvoker.BREAKER_MINIMUM_CALLS; i++) {
			assertThat(invoke(flaky, "{\"city\":\"Rome\"}").status()).isEqualTo(Status.FAILED);
		}
		ToolOutcome refused = invoke(flaky, "{\"city\":\"Rome\"}");

		assertThat(refused.status()).isEqualTo(Status.UNAVAILABLE);
		assertThat(refused.output()).contains("unavailable until " + NOW.plus(DefaultToolInvoker.BREAKER_OPEN_FOR));
		assertThat(flaky.calls).hasValue(DefaultToolInvoker.BREAKER_MINIMUM_CALLS);
	}

	@Test
	void theBreakerIsPerTenant() {
		FakeTool flaky = new FakeTool("flaky", call -> ToolResult.failed("503 from upstream"));
		for (int i = 0; i < DefaultToolInvoker.BREAKER_MINIMUM_CALLS; i++) {
			invoke(flaky, "{\"city\":\"Rome\"}");
		}

		ToolOutcome otherTenant = invoker.invoke(flaky, ToolPolicy.defaults(),
				new ToolCall(new TenantId(UUID.randomUUID()), json.readTree("{\"city\":\"Rome\"}"), null, null));

		assertThat(otherTenant.status()).isEqualTo(Status.FAILED);
	}

	@Test
	void aBuiltInToolHasNoBreaker() {
		for (int i = 0; i < DefaultToolInvoker.BREAKER_MINIMUM_CALLS * 2; i++) {
			assertThat(invoke(builtIn, "{\"city\":\"Rome\"}").status()).isEqualTo(Status.FAILED);
		}
		assertThat(builtIn.calls).hasValue(DefaultToolInvoker.BREAKER_MINIMUM_CALLS * 2);
	}

	@Test
	void outputOverTheLimitIsCutAndSaysSo() {
		FakeTool chatty = new FakeTool("chatty", call -> ToolResult.ok("x".repeat(1_000)));

		ToolOutcome outcome = invoke(chatty, "{\"city\":\"Bern\"}");

		assertThat(outcome.truncated()).isTrue();
		assertThat(outcome.output()).hasSizeLessThanOrEqualTo(200).startsWith("xxx").endsWith("of 1000 characters are shown]");
	}

	@Test
	void aToolThatThrowsIsAFailedOutcomeWithoutItsMessage() {
		FakeTool broken = new FakeTool("broken", call -> {
			throw new IllegalStateException("jdbc:postgresql://secret-host/db");
		});

		ToolOutcome outcome = invoke(broken, "{\"city\":\"Kyiv\"}");

		assertThat(outcome.status()).isEqualTo(Status.FAILED);
		assertThat(outcome.output()).isEqualTo("The tool broken failed unexpectedly.");
	}

	private static ObservationRegistry observations(SimpleMeterRegistry meters) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return registry;
	}
}
