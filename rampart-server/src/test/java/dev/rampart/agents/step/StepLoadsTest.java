package dev.rampart.agents.step;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import dev.rampart.agents.AgentDefinition;
import dev.rampart.agents.AgentDefinition.Limits;
import dev.rampart.agents.AgentDefinition.MemoryScope;
import dev.rampart.agents.AgentDefinition.MemorySettings;
import dev.rampart.agents.AgentDefinition.ModelStep;
import dev.rampart.agents.AgentDefinition.ToolBinding;
import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.AgentsProperties;
import dev.rampart.agents.Invocation;
import dev.rampart.agents.StepEvent;
import dev.rampart.memory.Memories;
import dev.rampart.memory.Memory;
import dev.rampart.memory.MemoryPage;
import dev.rampart.memory.MemoryQuery;
import dev.rampart.memory.MemoryStats;
import dev.rampart.memory.MemoryUnavailableException;
import dev.rampart.memory.NewMemory;
import dev.rampart.memory.ScoredMemory;
import dev.rampart.providers.ModelTarget;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolResult;
import dev.rampart.tools.Tools;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start of a step degrades as ARCHITECTURE.md §8 says: memory that fails or does not answer in time leaves the
 * step without memories and says so; an optional tool that is not there is left out and reported; a required one
 * fails the step.
 */
class StepLoadsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final AgentsProperties PROPERTIES = new AgentsProperties(Duration.ofDays(30), Duration.ofHours(1),
			Duration.ofSeconds(5), new AgentsProperties.Step(Duration.ofMillis(200), Duration.ofSeconds(5)));

	@Test
	void memoryThatFailsLeavesTheStepWithoutMemoriesAndADegradedEvent() {
		StepRun run = run(List.of());
		StepLoads loads = loads(query -> {
			throw new MemoryUnavailableException("the embedding model is down", null);
		}, List.of());

		StepLoads.Loaded loaded = loads.load(run);

		assertThat(run.memories()).isEmpty();
		assertThat(loaded.prompt()).hasSize(2);
		assertThat(run.events()).singleElement().isInstanceOfSatisfying(StepEvent.Degraded.class, degraded -> {
			assertThat(degraded.component()).isEqualTo("memory");
			assertThat(degraded.reason()).contains("MEMORY_UNAVAILABLE");
		});
	}

	@Test
	void memoryThatDoesNotAnswerInTimeIsCancelledAndTheStepGoesOn() {
		CountDownLatch never = new CountDownLatch(1);
		StepRun run = run(List.of());
		StepLoads loads = loads(query -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return List.of();
		}, List.of());

		loads.load(run);

		assertThat(run.events()).singleElement().isInstanceOfSatisfying(StepEvent.Degraded.class,
				degraded -> assertThat(degraded.reason()).isEqualTo("did not answer within 200 ms"));
	}

	@Test
	void anOptionalToolThatIsNotThereIsLeftOutAndReportedARequiredOneFailsTheStep() {
		ToolBinding optional = new ToolBinding("weather", false, Duration.ofSeconds(5), 3, false);
		ToolBinding present = new ToolBinding("echo", true, Duration.ofSeconds(5), 3, false);
		StepRun run = run(List.of(optional, present));

		StepLoads.Loaded loaded = loads(query -> List.of(), List.of(echo())).load(run);

		assertThat(loaded.tools()).containsOnlyKeys("echo");
		assertThat(run.events()).singleElement().isInstanceOfSatisfying(StepEvent.ToolSkipped.class,
				skipped -> assertThat(skipped.tool()).isEqualTo("weather"));
		ToolBinding required = new ToolBinding("weather", true, Duration.ofSeconds(5), 3, false);
		assertThatThrownBy(() -> loads(query -> List.of(), List.of(echo())).load(run(List.of(required))))
			.isInstanceOfSatisfying(RampartException.class,
					ex -> assertThat(ex.technicalDetails()).contains("required tool(s) not available").contains("weather"));
	}

	private static StepRun run(List<ToolBinding> tools) {
		AgentDefinition definition = new AgentDefinition("a", null, "Be brief.",
				List.of(new ModelStep(new ModelTarget("sim", "sim-echo"), null, null)), tools,
				new MemorySettings(true, MemoryScope.AGENT, 5, 100, false), Limits.DEFAULTS, null, Map.of(), null, Map.of());
		AgentVersion agent = new AgentVersion(UUID.randomUUID(), 1, definition, null, Map.of());
		Invocation invocation = new Invocation(TenantId.DEFAULT, "user:test", agent.agentId(), null, "hello", null, null, null);
		return new StepRun(agent, invocation, event -> {
		}, Clock.systemUTC());
	}

	private static StepLoads loads(Function<MemoryQuery, List<ScoredMemory>> search, List<Tool> available) {
		Tools tools = tenant -> available;
		return new StepLoads(new MemoryAccess(new SearchOnly(search), ObservationRegistry.NOOP), tools, JSON, PROPERTIES);
	}

	private static Tool echo() {
		return new Tool() {
			@Override
			public String name() {
				return "echo";
			}

			@Override
			public String description() {
				return "Echoes.";
			}

			@Override
			public JsonNode parameters() {
				return JSON.readTree("{\"type\":\"object\"}");
			}

			@Override
			public ToolResult call(ToolCall call) {
				return ToolResult.ok(call.arguments().toString());
			}
		};
	}

	/** Memories that can only be searched, as a step does. */
	private record SearchOnly(Function<MemoryQuery, List<ScoredMemory>> search) implements Memories {

		@Override
		public List<ScoredMemory> search(TenantId tenant, UUID agentId, MemoryQuery query) {
			return search.apply(query);
		}

		@Override
		public Memory save(TenantId tenant, UUID agentId, NewMemory memory) {
			throw new UnsupportedOperationException();
		}

		@Override
		public MemoryPage list(TenantId tenant, UUID agentId, @Nullable String scope, @Nullable String cursor, int limit) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<Memory> get(TenantId tenant, UUID agentId, UUID memoryId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean delete(TenantId tenant, UUID agentId, UUID memoryId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int deleteAll(TenantId tenant, UUID agentId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public MemoryStats stats(TenantId tenant, UUID agentId) {
			throw new UnsupportedOperationException();
		}
	}
}
