package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.MovableClock;
import dev.rampart.ServerSentEvents;
import dev.rampart.ServerSentEvents.Event;
import dev.rampart.ServerTest;
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
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.sim.Fault;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Retries, breakers and stream failures against the built-in simulator over real HTTP. Most tests build their own
 * {@link LangChainModelCalls} with short waits and a movable clock (so breakers of the node are left alone); the
 * stream tests go through the playground endpoint and the node's own call path.
 */
@ServerTest
class ProviderResilienceIT {

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private final Credentials credentials;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	private final List<Duration> waits = new ArrayList<>();
	private Consumer<Duration> onWait = wait -> {
	};
	private List<ScriptRule> rulesBefore;
	private Set<String> keysBefore;
	private Provider provider;
	private String marker;

	@Autowired
	ProviderResilienceIT(Credentials credentials) {
		this.credentials = credentials;
	}

	@BeforeEach
	void remember() {
		rulesBefore = sim.control().rules();
		keysBefore = sim.control().acceptedApiKeys();
		provider = Provider.builtIn("sim-" + UUID.randomUUID().toString().substring(0, 8), ProviderType.SIM,
				URI.create(sim.baseUrl() + "/v1"), List.of("sim-echo"), ProvidersProperties.Resilience.defaults());
		marker = "resil-" + UUID.randomUUID();
	}

	@AfterEach
	void restore() {
		sim.control().setRules(rulesBefore);
		sim.control().setAcceptedApiKeys(keysBefore);
	}

	/** Short waits: backoff 5-20 ms, Retry-After capped at 50 ms, one second per call. */
	private ProviderResilience resilience(int maxAttempts) {
		ProvidersProperties.Resilience settings = new ProvidersProperties.Resilience(maxAttempts, Duration.ofMillis(5),
				Duration.ofMillis(20), Duration.ofMillis(50), 5, Duration.ofSeconds(60), 64, Duration.ofSeconds(2),
				Duration.ofSeconds(1), Duration.ofSeconds(1));
		provider = Provider.builtIn(provider.id(), provider.type(), provider.baseUrl(), provider.modelNames(), settings);
		return new ProviderResilience(clock, meters, wait -> {
			waits.add(wait);
			onWait.accept(wait);
		}, new SplittableRandom(1), null);
	}

	private LangChainModelCalls calls(ProviderResilience resilience) {
		return new LangChainModelCalls(List.of(), resilience, new ModelClients(credentials, new ProvidersProperties(new ProvidersProperties.Sim(true, 0),
				ProvidersProperties.Resilience.defaults(), Map.of())),
				new KeyPool(new FixedRegistry(List.of()), clock, meters));
	}

	private ModelReply call(LangChainModelCalls calls, String model, String text) {
		ModelCallContext context = new ModelCallContext(TenantId.DEFAULT, "resilience-it", provider.id(), model, null, null);
		return calls.call(provider, context,
				new ModelRequest(List.of(new ModelMessage(Role.USER, text, Origin.USER_INPUT)), null, null));
	}

	private void fail(Fault fault) {
		sim.control().addRule(ScriptRule.builder(marker).lastUserContains(marker).fault(fault, 1.0).build());
	}

	static Stream<Arguments> faults() {
		return Stream.of(
				Arguments.of("429 with Retry-After", Fault.RATE_LIMITED, Kind.RATE_LIMITED, ErrorCode.PROVIDER_UNAVAILABLE, 3),
				Arguments.of("500", Fault.SERVER_ERROR, Kind.SERVER_ERROR, ErrorCode.PROVIDER_CALL_FAILED, 3),
				Arguments.of("503", Fault.UNAVAILABLE, Kind.SERVER_ERROR, ErrorCode.PROVIDER_CALL_FAILED, 3),
				Arguments.of("connection reset", Fault.RESET, Kind.CONNECTION, ErrorCode.PROVIDER_CALL_FAILED, 3),
				Arguments.of("no answer (timeout)", Fault.STALL, Kind.TIMEOUT, ErrorCode.PROVIDER_CALL_FAILED, 3),
				Arguments.of("unreadable body", Fault.MALFORMED, Kind.CONNECTION, ErrorCode.PROVIDER_CALL_FAILED, 3),
				Arguments.of("body cut short", Fault.TRUNCATE, Kind.CONNECTION, ErrorCode.PROVIDER_CALL_FAILED, 3));
	}

	@ParameterizedTest(name = "{0} → {2}, {4} attempts")
	@MethodSource("faults")
	void aRetriableFaultIsTriedMaxAttemptsTimesThenReported(String name, Fault fault, Kind kind, ErrorCode code, int attempts) {
		fail(fault);
		LangChainModelCalls calls = calls(resilience(3));
		long before = sim.control().stats().requests();

		ProviderException failure = catchThrowableOfType(ProviderException.class, () -> call(calls, "sim-echo", marker));

		assertThat(failure.kind()).isEqualTo(kind);
		assertThat(failure.code()).isEqualTo(code);
		assertThat(failure.code().retryable()).isTrue();
		assertThat(sim.control().stats().requests() - before).isEqualTo(attempts);
		assertThat(waits).hasSize(attempts - 1);
		if (fault == Fault.RATE_LIMITED) {
			// the simulator's Retry-After (1 s) was read and cut to the 50 ms cap; the client gets it as recovery time
			assertThat(waits).containsOnly(Duration.ofMillis(50));
			assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(1));
			assertThat(failure.estimatedRecoveryTime()).isEqualTo(Duration.ofSeconds(1));
		}
		else {
			assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(20)));
		}
		assertThat(meters.counter("rampart.providers.retries", "provider", provider.id(), "kind", kind.name()).count())
			.isEqualTo(attempts - 1);
	}

	@Test
	void a429ThatClearsDuringTheWaitSucceedsOnTheNextAttempt() {
		fail(Fault.RATE_LIMITED);
		onWait = wait -> sim.control().setRules(rulesBefore);
		LangChainModelCalls calls = calls(resilience(3));
		long before = sim.control().stats().requests();

		ModelReply reply = call(calls, "sim-echo", marker);

		assertThat(reply.text()).isEqualTo(marker);
		assertThat(sim.control().stats().requests() - before).isEqualTo(2);
	}

	@Test
	void aRejectedKeyIsNotRetried() {
		sim.control().setAcceptedApiKeys(Set.of("sk-only-this-one"));
		LangChainModelCalls calls = calls(resilience(3));
		long before = sim.control().stats().requests();

		ProviderException failure = catchThrowableOfType(ProviderException.class, () -> call(calls, "sim-echo", marker));

		assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
		assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_AUTH_FAILED);
		assertThat(failure.code().retryable()).isFalse();
		assertThat(failure.technicalDetails()).isEqualTo("Provider '" + provider.id() + "' answered HTTP 401.");
		assertThat(waits).isEmpty();
		// the simulator does not count a request it refused for its key: at most the one attempt
		assertThat(sim.control().stats().requests() - before).isLessThanOrEqualTo(1);
	}

	@Test
	void anUnknownModelIsNotRetried() {
		LangChainModelCalls calls = calls(resilience(3));

		ProviderException failure = catchThrowableOfType(ProviderException.class, () -> call(calls, "gpt-nope", marker));

		assertThat(failure.kind()).isEqualTo(Kind.MODEL_NOT_FOUND);
		assertThat(failure.technicalDetails()).isEqualTo("Provider '" + provider.id() + "' answered HTTP 404.");
		assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED_REQUEST);
		assertThat(failure.code().retryable()).isFalse();
		assertThat(waits).isEmpty();
	}

	@Test
	void theBreakerOpensAfterFiveFailuresRefusesWhileOpenHalfOpensAfterTheWaitAndClosesOnSuccess() {
		fail(Fault.SERVER_ERROR);
		ProviderResilience resilience = resilience(1);
		LangChainModelCalls calls = calls(resilience);
		long before = sim.control().stats().requests();

		for (int i = 0; i < 5; i++) {
			assertThat(catchThrowableOfType(ProviderException.class, () -> call(calls, "sim-echo", marker)).kind())
				.isEqualTo(Kind.SERVER_ERROR);
		}
		assertThat(resilience.state(provider, "sim-echo")).isEqualTo(CircuitBreaker.State.OPEN);
		RampartException refused = catchThrowableOfType(RampartException.class, () -> call(calls, "sim-echo", marker));
		assertThat(refused.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
		assertThat(refused.estimatedRecoveryTime()).isEqualTo(Duration.ofSeconds(60));
		clock.advance(Duration.ofSeconds(45));
		assertThat(catchThrowableOfType(RampartException.class, () -> call(calls, "sim-echo", marker)).estimatedRecoveryTime())
			.isEqualTo(Duration.ofSeconds(15));
		// refused calls never reached the provider
		assertThat(sim.control().stats().requests() - before).isEqualTo(5);
		assertThat(meters.get("rampart.providers.breaker.state").tag("provider", provider.id()).gauge().value()).isEqualTo(2);

		clock.advance(Duration.ofSeconds(16));
		sim.control().setRules(rulesBefore);
		ModelReply probe = call(calls, "sim-echo", marker);

		assertThat(probe.text()).isEqualTo(marker);
		assertThat(resilience.state(provider, "sim-echo")).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(sim.control().stats().requests() - before).isEqualTo(6);
		assertThat(meters.counter("rampart.providers.breaker.transitions", "provider", provider.id(), "model", "sim-echo", "to",
				"HALF_OPEN").count()).isEqualTo(1);
		assertThat(meters.get("rampart.providers.breaker.state").tag("provider", provider.id()).gauge().value()).isZero();
	}

	@Test
	void aFailedProbeOpensTheBreakerAgainForAWholeWait() {
		fail(Fault.UNAVAILABLE);
		ProviderResilience resilience = resilience(1);
		LangChainModelCalls calls = calls(resilience);
		for (int i = 0; i < 5; i++) {
			catchThrowableOfType(ProviderException.class, () -> call(calls, "sim-echo", marker));
		}
		clock.advance(Duration.ofSeconds(61));

		assertThat(catchThrowableOfType(ProviderException.class, () -> call(calls, "sim-echo", marker)).kind())
			.isEqualTo(Kind.SERVER_ERROR);

		assertThat(resilience.state(provider, "sim-echo")).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(catchThrowableOfType(RampartException.class, () -> call(calls, "sim-echo", marker)).estimatedRecoveryTime())
			.isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void failuresOnTheCallersSideNeverOpenTheBreaker() {
		sim.control().setAcceptedApiKeys(Set.of("sk-only-this-one"));
		ProviderResilience resilience = resilience(1);
		LangChainModelCalls calls = calls(resilience);

		for (int i = 0; i < 8; i++) {
			assertThat(catchThrowableOfType(ProviderException.class, () -> call(calls, "sim-echo", marker)).kind())
				.isEqualTo(Kind.AUTHENTICATION);
		}

		assertThat(resilience.state(provider, "sim-echo")).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = Fault.class, names = { "MALFORMED", "TRUNCATE" })
	void aStreamBrokenMidwayDeliversItsTokensOnceThenAnErrorAndIsNotRetried(Fault fault) {
		String text = "one two three four five six seven eight nine ten eleven twelve";
		sim.control().addRule(ScriptRule.builder(marker).lastUserContains(marker).replyText(text).streamPieceChars(4)
			.fault(fault, 1.0).build());
		long before = sim.control().stats().requests();

		Reply reply = playground(marker);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		List<Event> events = ServerSentEvents.parse(reply.body());
		assertThat(events.getFirst().name()).isEqualTo("delta");
		assertThat(events.getLast().name()).isEqualTo("error");
		assertThat(events.getLast().data().get("code").asString()).isEqualTo("PROVIDER_CALL_FAILED");
		String received = ServerSentEvents.text(events);
		assertThat(received).isNotEmpty();
		assertThat(text).startsWith(received);
		assertThat(sim.control().stats().requests() - before).isEqualTo(1);
	}

	@Test
	void aStreamThatFailsBeforeItsFirstTokenIsRetried() {
		sim.control().addRule(ScriptRule.builder(marker).lastUserContains(marker).fault(Fault.SERVER_ERROR, 1.0).build());
		long before = sim.control().stats().requests();

		Reply reply = playground(marker);

		assertThat(reply.status()).as(reply.body()).isEqualTo(502);
		assertThat(reply.json().get("code").asString()).isEqualTo("PROVIDER_CALL_FAILED");
		assertThat(sim.control().stats().requests() - before).isEqualTo(3);
	}

	private Reply playground(String content) {
		String name = "resil-" + UUID.randomUUID().toString().substring(0, 8);
		HttpProbe owner = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", "amber-falcon-river-41");
		return owner.json("POST", "/api/v1/providers/sim/chat",
				"{\"model\":\"sim-echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}");
	}
}
