package dev.rampart.providers.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelMessage.Role;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ModelTool;
import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The normalized request hash: trivially different texts meet, any change that could change the model's answer
 * does not, and no two requests collide by concatenation.
 */
class CacheKeyTest {

	private static final TenantId TENANT = new TenantId(UUID.randomUUID());
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ModelMessage user(String text) {
		return new ModelMessage(Role.USER, text, Origin.USER_INPUT);
	}

	private static ModelMessage system(String text) {
		return new ModelMessage(Role.SYSTEM, text, Origin.CONFIGURATION);
	}

	private static ModelRequest request(Integer maxTokens, Double temperature, ModelMessage... messages) {
		return new ModelRequest(List.of(messages), maxTokens, temperature);
	}

	private static String hash(ModelRequest request) {
		return CacheKey.of(TENANT, "sim", "sim-echo", request).requestHash();
	}

	@Test
	void lineEndingsTrailingWhitespaceAndUnicodeCompositionDoNotChangeTheHash() {
		ModelRequest plain = request(100, 0.0, system("Be brief."), user("Caf\u00e9 menu\nfirst line\n  indented"));
		ModelRequest trivial = request(100, 0.0, system("Be brief.  \n\n"),
				user("Cafe\u0301 menu \t\r\nfirst line\r  indented\r\n"));

		assertThat(hash(trivial)).isEqualTo(hash(plain)).matches("[0-9a-f]{64}");
		assertThat(hash(request(100, -0.0, system("Be brief."), user("Caf\u00e9 menu\nfirst line\n  indented"))))
			.isEqualTo(hash(plain));
	}

	@Test
	void theOriginOfAMessageDoesNotChangeTheHash() {
		ModelRequest typed = request(null, 0.0, user("hello"));
		ModelRequest fromMemory = request(null, 0.0, new ModelMessage(Role.USER, "hello", Origin.MEMORY));

		assertThat(hash(fromMemory)).isEqualTo(hash(typed));
	}

	@Test
	void anyChangeOfRoleTextOrderMaxTokensOrTemperatureChangesTheHash() {
		ModelRequest base = request(100, 0.0, system("Be brief."), user("hello"));

		List<ModelRequest> others = List.of(
				request(100, 0.0, user("Be brief."), user("hello")),
				request(100, 0.0, new ModelMessage(Role.ASSISTANT, "Be brief.", Origin.MODEL), user("hello")),
				request(100, 0.0, system("Be brief!"), user("hello")),
				request(100, 0.0, system("Be brief."), user("hello"), user("")),
				request(100, 0.0, user("hello"), system("Be brief.")),
				request(100, 0.0, system("Be brief."), user(" hello")),
				request(101, 0.0, system("Be brief."), user("hello")),
				request(null, 0.0, system("Be brief."), user("hello")),
				request(100, 0.1, system("Be brief."), user("hello")),
				request(100, null, system("Be brief."), user("hello")),
				request(100, 0.0, system("Be brief.")));

		assertThat(others).extracting(CacheKeyTest::hash).doesNotContain(hash(base)).doesNotHaveDuplicates();
	}

	@Test
	void textsAndFieldsNeverRunTogether() {
		assertThat(hash(request(null, 0.0, user("ab"), user("c")))).isNotEqualTo(hash(request(null, 0.0, user("a"), user("bc"))));
		assertThat(hash(request(null, 0.0, user("a\nb")))).isNotEqualTo(hash(request(null, 0.0, user("a"), user("b"))));
		assertThat(hash(request(null, null, user("x")))).isNotEqualTo(hash(request(0, null, user("x"))));
		assertThat(hash(request(null, 0.0, user("x")))).isNotEqualTo(hash(request(null, null, user("x"))));
	}

	@Test
	void aKeyNamesItsTenantProviderAndModelAndAWellFormedHash() {
		ModelRequest hello = request(null, 0.0, user("hello"));
		CacheKey key = CacheKey.of(TENANT, "sim", "sim-echo", hello);

		assertThat(key).isEqualTo(new CacheKey(TENANT, "sim", "sim-echo", key.requestHash()));
		assertThat(CacheKey.of(new TenantId(UUID.randomUUID()), "sim", "sim-echo", hello)).isNotEqualTo(key);
		assertThat(CacheKey.of(TENANT, "sim", "sim-other", hello)).isNotEqualTo(key);
		assertThatThrownBy(() -> new CacheKey(TENANT, "sim", "sim-echo", "ABC")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new CacheKey(TENANT, " ", "sim-echo", key.requestHash()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void onlyTemperatureZeroOrAnOptInIsEligible() {
		assertThat(ResponseCache.eligible(request(null, 0.0, user("x")), false)).isTrue();
		assertThat(ResponseCache.eligible(request(null, 0.2, user("x")), false)).isFalse();
		assertThat(ResponseCache.eligible(request(null, null, user("x")), false)).isFalse();
		assertThat(ResponseCache.eligible(request(null, 0.7, user("x")), true)).isTrue();
	}

	private static ModelTool tool(String name, String parameters) {
		return new ModelTool(name, "looks " + name + " up", JSON.readTree(parameters));
	}

	private static ModelRequest withTools(List<ModelMessage> messages, ModelTool... tools) {
		return new ModelRequest(messages, null, 0.0, List.of(tools));
	}

	@Test
	void theToolsOfferedAndToolCallsAndResultsChangeTheHash() {
		String object = "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}";
		List<ModelMessage> asked = List.of(user("weather?"));
		ModelRequest base = withTools(asked, tool("weather", object));
		List<ModelMessage> answered = List.of(user("weather?"),
				ModelMessage.toolCalls("", List.of(new ModelToolCall("call_1", "weather", "{\"city\":\"Paris\"}"))),
				ModelMessage.toolResult("call_1", "weather", "sunny"));

		List<ModelRequest> others = List.of(
				request(null, 0.0, user("weather?")),
				withTools(asked, tool("forecast", object)),
				withTools(asked, new ModelTool("weather", "another description", JSON.readTree(object))),
				withTools(asked, tool("weather", object.replace("string", "integer"))),
				withTools(asked, tool("weather", object), tool("time", "{\"type\": \"object\"}")),
				withTools(answered, tool("weather", object)),
				withTools(List.of(answered.get(0), answered.get(1), ModelMessage.toolResult("call_1", "weather", "rainy")),
						tool("weather", object)),
				withTools(List.of(answered.get(0), answered.get(1), ModelMessage.toolResult("call_2", "weather", "sunny")),
						tool("weather", object)),
				withTools(List.of(answered.get(0),
						ModelMessage.toolCalls("", List.of(new ModelToolCall("call_1", "weather", "{\"city\":\"Rome\"}"))),
						answered.get(2)), tool("weather", object)));

		assertThat(others).extracting(CacheKeyTest::hash).doesNotContain(hash(base)).doesNotHaveDuplicates();
	}

	@Test
	void theSameSchemaWithItsMembersInAnotherOrderIsTheSameKey() {
		ModelRequest one = withTools(List.of(user("x")), tool("t", "{\"type\": \"object\", \"required\": [\"a\"], "
				+ "\"properties\": {\"a\": {\"type\": \"number\", \"description\": \"d\"}}}"));
		ModelRequest other = withTools(List.of(user("x")), tool("t", "{\"properties\": {\"a\": {\"description\": \"d\", "
				+ "\"type\": \"number\"}}, \"type\": \"object\", \"required\": [\"a\"]}"));

		assertThat(hash(other)).isEqualTo(hash(one));
	}
}
