package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.providers.ModelSpec;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderException;
import dev.rampart.providers.ProviderException.Kind;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelMessage.Role;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.secrets.Credentials;
import dev.rampart.shared.TenantId;
import dev.rampart.sim.Fault;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every adapter against the simulator over real HTTP, in its own dialect: each simulator fault maps to the same
 * {@link ProviderException} kind and retry behaviour whatever the provider type (docs/providers.md, "Failures and
 * resilience" and "Provider types").
 */
@ServerTest
class AdapterFaultsIT {

	/** The types whose dialect the simulator speaks. */
	enum Adapter {

		OPENAI(ProviderType.OPENAI, "/v1"),
		SIM(ProviderType.SIM, "/v1"),
		ANTHROPIC(ProviderType.ANTHROPIC, "/v1"),
		AZURE_OPENAI(ProviderType.AZURE_OPENAI, ""),
		OLLAMA(ProviderType.OLLAMA, ""),
		GEMINI(ProviderType.GEMINI, "/v1beta");

		final ProviderType type;
		final String path;

		Adapter(ProviderType type, String path) {
			this.type = type;
			this.path = path;
		}
	}

	@Autowired
	LlmSimulator sim;

	private final Credentials credentials;
	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
	private final List<Duration> waits = new ArrayList<>();
	private List<ScriptRule> rulesBefore;
	private String marker;

	@Autowired
	AdapterFaultsIT(Credentials credentials) {
		this.credentials = credentials;
	}

	@BeforeEach
	void remember() {
		rulesBefore = sim.control().rules();
		marker = "adapter-" + UUID.randomUUID();
	}

	@AfterEach
	void restore() {
		sim.control().setRules(rulesBefore);
	}

	/** Three attempts, short waits recorded instead of slept, a breaker that never opens here. */
	private Provider provider(Adapter adapter) {
		ProvidersProperties.Resilience settings = new ProvidersProperties.Resilience(3, Duration.ofMillis(5),
				Duration.ofMillis(20), Duration.ofMillis(50), 1000, Duration.ofSeconds(60), 64, Duration.ofSeconds(2),
				Duration.ofSeconds(1), Duration.ofSeconds(1));
		return new Provider("adapter-" + adapter.name().toLowerCase(Locale.ROOT), adapter.type,
				URI.create(sim.baseUrl() + adapter.path), List.of(ModelSpec.named("sim-echo")), List.of(),
				settings, adapter.type == ProviderType.AZURE_OPENAI ? "2024-10-21" : null, null, 0);
	}

	private LangChainModelCalls calls() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		return new LangChainModelCalls(List.of(), new ProviderResilience(clock, meters, waits::add, new SplittableRandom(1), null),
				new ModelClients(credentials, new ProvidersProperties(new ProvidersProperties.Sim(true, 0),
				ProvidersProperties.Resilience.defaults(), Map.of())), new KeyPool(new FixedRegistry(List.of()), clock, meters));
	}

	private ModelReply call(Provider provider, String model) {
		ModelCallContext context = new ModelCallContext(TenantId.DEFAULT, "adapter-it", provider.id(), model, null, null);
		return calls().call(provider, context,
				new ModelRequest(List.of(new ModelMessage(Role.USER, marker, Origin.USER_INPUT)), 64, null));
	}

	static Stream<Arguments> table() {
		List<Arguments> rows = new ArrayList<>();
		for (Adapter adapter : Adapter.values()) {
			rows.add(Arguments.of(adapter, Fault.RATE_LIMITED, Kind.RATE_LIMITED, 3));
			rows.add(Arguments.of(adapter, Fault.SERVER_ERROR, Kind.SERVER_ERROR, 3));
			rows.add(Arguments.of(adapter, Fault.UNAVAILABLE, Kind.SERVER_ERROR, 3));
			rows.add(Arguments.of(adapter, Fault.RESET, Kind.CONNECTION, 3));
			rows.add(Arguments.of(adapter, Fault.STALL, Kind.TIMEOUT, 3));
			rows.add(Arguments.of(adapter, Fault.MALFORMED, Kind.CONNECTION, 3));
		}
		return rows.stream();
	}

	@ParameterizedTest(name = "{0}: {1} → {2}, {3} attempts")
	@MethodSource("table")
	void aSimulatorFaultMapsToTheSameKindAndRetriesForEveryAdapter(Adapter adapter, Fault fault, Kind kind, int attempts) {
		sim.control().addRule(ScriptRule.builder(marker).lastUserContains(marker).fault(fault, 1.0).build());
		Provider provider = provider(adapter);
		long before = sim.control().stats().requests();

		ProviderException failure = catchThrowableOfType(ProviderException.class, () -> call(provider, "sim-echo"));

		assertThat(failure.kind()).isEqualTo(kind);
		assertThat(failure.mayRetry()).isTrue();
		assertThat(sim.control().stats().requests() - before).isEqualTo(attempts);
		assertThat(waits).hasSize(attempts - 1);
	}

	@ParameterizedTest(name = "{0}: an unknown model is not retried")
	@EnumSource(Adapter.class)
	void anUnknownModelIsNotFoundAndNotRetried(Adapter adapter) {
		Provider provider = provider(adapter);

		ProviderException failure = catchThrowableOfType(ProviderException.class, () -> call(provider, "no-such-model"));

		assertThat(failure.kind()).isIn(Kind.MODEL_NOT_FOUND, Kind.INVALID_REQUEST);
		assertThat(failure.mayRetry()).isFalse();
		assertThat(waits).isEmpty();
	}

	@ParameterizedTest(name = "{0}: a rejected key is not retried")
	@EnumSource(Adapter.class)
	void aRejectedKeyIsAnAuthenticationFailureAndNotRetried(Adapter adapter) {
		Set<String> keysBefore = sim.control().acceptedApiKeys();
		sim.control().setAcceptedApiKeys(Set.of("sk-only-this-one"));
		try {
			ProviderException failure = catchThrowableOfType(ProviderException.class, () -> call(provider(adapter), "sim-echo"));

			assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
			assertThat(failure.mayRetry()).isFalse();
			assertThat(waits).isEmpty();
		}
		finally {
			sim.control().setAcceptedApiKeys(keysBefore);
		}
	}

	@ParameterizedTest(name = "{0}: a clean call answers")
	@EnumSource(Adapter.class)
	void aCleanCallAnswersWithUsage(Adapter adapter) {
		ModelReply reply = call(provider(adapter), "sim-echo");

		assertThat(reply.text()).isEqualTo(marker);
		assertThat(reply.usage().inputTokens()).isPositive();
		assertThat(reply.servedBy().provider()).isEqualTo(provider(adapter).id());
	}
}
