package dev.rampart.providers.internal;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.rampart.providers.ModelChain;
import dev.rampart.providers.ModelChain.CacheMode;
import dev.rampart.providers.ModelTarget;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.providers.internal.cache.CacheKey;
import dev.rampart.providers.internal.cache.CachedReply;
import dev.rampart.providers.internal.cache.ResponseCache;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelMessage.Role;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.shared.TenantId;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The provider gateway's own cost on a non-streaming call, without the HTTP API and the gateway chain in front of it
 * (authentication, quotas, masking, screening, accounting: those are the {@code providers} HTTP benchmark's). Both
 * sides call the in-process simulator over loopback HTTP with the same LangChain4j client: {@code direct} calls the
 * client; {@code gateway} goes through {@link GatewayCalls} (chain resolution, cache decision, the interceptor chain
 * with no interceptors, fallback loop, breaker, bulkhead, retry loop, key pool, the adapter's cached client, the
 * reply with its {@code servedBy}). Sample time, so p50 and p99 are reported.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-XX:+UseCompactObjectHeaders" })
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class ProviderGatewayBenchmark {

	private static final String PROMPT = "Could you summarize the main differences between the three pricing plans and tell me which one fits "
			+ "a team of twelve people who mostly use the reporting features and sometimes need priority support";

	private LlmSimulator sim;
	private OpenAiChatModel direct;
	private ChatRequest directRequest;
	private GatewayCalls gateway;
	private ModelCallContext context;
	private ModelChain chain;
	private ModelRequest request;

	@Setup(Level.Trial)
	public void start() {
		sim = LlmSimulator.start(SimulatorOptions.builder().host("127.0.0.1").port(0).build());
		ProvidersProperties properties = new ProvidersProperties(new ProvidersProperties.Sim(false, 0),
				ProvidersProperties.Resilience.defaults(), Map.of());
		Provider provider = Provider.builtIn("sim", ProviderType.SIM, URI.create(sim.baseUrl() + "/v1"), List.of("sim-echo"),
				properties.resilience());
		FixedRegistry registry = new FixedRegistry(List.of(provider));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ProviderResilience resilience = new ProviderResilience(Clock.systemUTC(), meters, wait -> {
		}, new SplittableRandom(1), null);
		ModelClients clients = new ModelClients(null, properties);
		KeyPool keys = new KeyPool(registry, Clock.systemUTC(), meters);
		gateway = new GatewayCalls(registry, new LangChainModelCalls(List.of(), resilience, clients, keys), resilience, clients,
				keys, new NoCache(), Clock.systemUTC());
		context = new ModelCallContext(TenantId.DEFAULT, "user:bench", "sim", "sim-echo", null, null);
		chain = new ModelChain(List.of(new ModelTarget("sim", "sim-echo")), CacheMode.OFF);
		request = new ModelRequest(List.of(new ModelMessage(Role.USER, PROMPT, Origin.USER_INPUT)), null, null);
		// the same client the adapter builds for this provider, called directly
		direct = (OpenAiChatModel) clients.of(provider, "sim-echo", null).chat();
		directRequest = ChatRequest.builder().modelName("sim-echo").messages(UserMessage.from(PROMPT)).build();
	}

	@TearDown(Level.Trial)
	public void stop() {
		sim.close();
	}

	@Benchmark
	public ChatResponse direct() {
		return direct.chat(directRequest);
	}

	@Benchmark
	public ModelReply gateway() {
		return gateway.chat(context, chain, request);
	}

	/** Cache mode OFF never reaches the cache; this one would answer nothing if it did. */
	private static final class NoCache implements ResponseCache {

		@Override
		public Optional<CachedReply> get(CacheKey key) {
			return Optional.empty();
		}

		@Override
		public void put(CacheKey key, CachedReply reply) {
		}

		@Override
		public long invalidate(TenantId tenant) {
			return 0;
		}

		@Override
		public Stats stats(TenantId tenant) {
			throw new UnsupportedOperationException();
		}
	}
}
