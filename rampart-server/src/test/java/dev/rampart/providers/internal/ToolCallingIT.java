package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.providers.ModelSpec;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelMessage.Role;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ModelTool;
import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.secrets.Credentials;
import dev.rampart.shared.TenantId;
import dev.rampart.sim.LlmSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool calling through every adapter against the simulator's {@code sim-tools}, each in its own dialect
 * (docs/providers.md, "Tool calling"): the tools offered come back as tool calls with JSON arguments, the results fed
 * back produce the final answer, and a stream ends with the same tool calls.
 */
@ServerTest
class ToolCallingIT {

	/** Every provider type; each speaks its own dialect to the simulator. */
	enum Adapter {

		OPENAI(ProviderType.OPENAI, "/v1"),
		OPENAI_COMPATIBLE(ProviderType.OPENAI_COMPATIBLE, "/v1"),
		SIM(ProviderType.SIM, "/v1"),
		AZURE_OPENAI(ProviderType.AZURE_OPENAI, ""),
		ANTHROPIC(ProviderType.ANTHROPIC, "/v1"),
		GEMINI(ProviderType.GEMINI, "/v1beta"),
		OLLAMA(ProviderType.OLLAMA, "");

		final ProviderType type;
		final String path;

		Adapter(ProviderType type, String path) {
			this.type = type;
			this.path = path;
		}
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final ModelTool WEATHER = new ModelTool("get_weather", "The weather forecast of a city", JSON.readTree("""
			{"type": "object",
			 "properties": {"city": {"type": "string", "description": "the city"}, "days": {"type": "integer"}},
			 "required": ["city"]}"""));
	static final ModelTool CONVERT = new ModelTool("convert_units", "Converts a temperature", JSON.readTree("""
			{"type": "object",
			 "properties": {"unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}, "value": {"type": "number"},
			                "exact": {"type": "boolean"}},
			 "required": ["unit", "value"]}"""));

	@Autowired
	LlmSimulator sim;

	private final Credentials credentials;
	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));

	@Autowired
	ToolCallingIT(Credentials credentials) {
		this.credentials = credentials;
	}

	private Provider provider(Adapter adapter) {
		ProvidersProperties.Resilience settings = new ProvidersProperties.Resilience(1, Duration.ofMillis(5),
				Duration.ofMillis(20), Duration.ofMillis(50), 1000, Duration.ofSeconds(60), 64, Duration.ofSeconds(5),
				Duration.ofSeconds(5), Duration.ofSeconds(5));
		return new Provider("tools-" + adapter.name().toLowerCase(Locale.ROOT), adapter.type,
				URI.create(sim.baseUrl() + adapter.path), List.of(ModelSpec.named("sim-tools")), List.of(), settings,
				adapter.type == ProviderType.AZURE_OPENAI ? "2024-10-21" : null, null, 0);
	}

	private LangChainModelCalls calls() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		return new LangChainModelCalls(List.of(),
				new ProviderResilience(clock, meters, wait -> { }, new SplittableRandom(1), null),
				new ModelClients(credentials, new ProvidersProperties(new ProvidersProperties.Sim(true, 0),
						ProvidersProperties.Resilience.defaults(), Map.of())),
				new KeyPool(new FixedRegistry(List.of()), clock, meters));
	}

	private static ModelCallContext context(Provider provider) {
		return new ModelCallContext(TenantId.DEFAULT, "tool-calling-it", provider.id(), "sim-tools", null, null);
	}

	private static ModelRequest offering(List<ModelMessage> messages) {
		return new ModelRequest(messages, 256, null, List.of(WEATHER, CONVERT));
	}

	private static List<ModelMessage> question() {
		return List.of(new ModelMessage(Role.SYSTEM, "Use the tools.", Origin.CONFIGURATION),
				new ModelMessage(Role.USER, "What is the weather in Paris, in fahrenheit?", Origin.USER_INPUT));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Adapter.class)
	void twoToolsOfferedComeBackAsTwoCallsWithJsonArguments(Adapter adapter) {
		Provider provider = provider(adapter);

		ModelReply reply = calls().call(provider, context(provider), offering(question()));

		assertThat(reply.finishReason()).isEqualTo("tool_calls");
		assertThat(reply.toolCalls()).extracting(ModelToolCall::name).containsExactly("get_weather", "convert_units");
		assertThat(reply.toolCalls()).extracting(ModelToolCall::id).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
		JsonNode weather = JSON.readTree(reply.toolCalls().get(0).arguments());
		JsonNode convert = JSON.readTree(reply.toolCalls().get(1).arguments());
		assertThat(weather.get("city").asString()).isEqualTo("Paris");
		assertThat(convert.get("unit").asString()).isIn("celsius", "fahrenheit");
		assertThat(convert.get("value").isNumber()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Adapter.class)
	void theToolResultsFedBackProduceTheFinalAnswer(Adapter adapter) {
		Provider provider = provider(adapter);
		LangChainModelCalls calls = calls();
		ModelReply asked = calls.call(provider, context(provider), offering(question()));
		String sunny = "sunny-" + UUID.randomUUID();
		String converted = "converted-" + UUID.randomUUID();
		List<ModelMessage> conversation = new ArrayList<>(question());
		conversation.add(ModelMessage.toolCalls(asked.text(), asked.toolCalls()));
		conversation.add(ModelMessage.toolResult(asked.toolCalls().get(0).id(), "get_weather", sunny));
		conversation.add(ModelMessage.toolResult(asked.toolCalls().get(1).id(), "convert_units", converted));

		ModelReply answer = calls.call(provider, context(provider), offering(conversation));

		assertThat(answer.toolCalls()).isEmpty();
		assertThat(answer.finishReason()).isEqualTo("stop");
		assertThat(answer.text()).contains("get_weather: " + sunny).contains("convert_units: " + converted);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Adapter.class)
	void aStreamEndsWithTheSameToolCalls(Adapter adapter) {
		Provider provider = provider(adapter);
		LangChainModelCalls calls = calls();
		ModelReply whole = calls.call(provider, context(provider), offering(question()));
		RecordingSink sink = new RecordingSink();

		calls.stream(provider, context(provider), offering(question()), sink);

		assertThat(sink.failures).isEmpty();
		assertThat(sink.ends).hasSize(1);
		StreamEnd end = sink.ends.getFirst();
		assertThat(end.finishReason()).isEqualTo("tool_calls");
		assertThat(end.toolCalls()).extracting(ModelToolCall::name).containsExactly("get_weather", "convert_units");
		assertThat(end.toolCalls()).extracting(ModelToolCall::id).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
		for (int i = 0; i < whole.toolCalls().size(); i++) {
			assertThat(JSON.readTree(end.toolCalls().get(i).arguments()))
				.isEqualTo(JSON.readTree(whole.toolCalls().get(i).arguments()));
		}
		assertThat(end.usage().inputTokens()).isPositive();
	}
}
