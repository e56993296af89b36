package dev.rampart.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import dev.rampart.shared.TenantId;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolResult;
import dev.rampart.tools.ToolsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The built-in calculator and clock, as a model calls them. */
class BuiltInToolsTest {

	private final JsonMapper json = JsonMapper.builder().build();
	private final BuiltInToolSet tools = tools(List.of());

	private BuiltInToolSet tools(List<String> allowedHosts) {
		return new BuiltInToolSet(Clock.fixed(Instant.parse("2026-11-24T10:15:30Z"), ZoneOffset.UTC), json, new SocketSafeHttp(),
				new ToolsProperties(new ToolsProperties.Egress(allowedHosts)));
	}

	private ToolResult call(String name, String arguments) {
		return call(tools, name, arguments, null);
	}

	private ToolResult call(BuiltInToolSet set, String name, String arguments, String idempotencyKey) {
		Tool tool = set.find(name).orElseThrow();
		return tool.call(new ToolCall(TenantId.DEFAULT, json.readTree(arguments), null, idempotencyKey));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = '|', value = {
			"1 + 2 * 3 | 7",
			"(1 + 2) * 3 | 9",
			"2 ^ 3 ^ 2 | 512",
			"-2 ^ 2 | -4",
			"10 / 4 | 2.5",
			"10 % 4 | 2",
			"sqrt(16) + abs(-3) | 7",
			"max(1, 7, 3) - min(4, 2) | 5",
			"round(2.5) + floor(2.9) + ceil(2.1) | 8",
			"1.5e3 / 3 | 500",
			"0.1 + 0.2 | 0.30000000000000004",
			"pow(2, 10) | 1024",
			"2 ^ -1 | 0.5",
			"ln(e) | 1",
			"1 / 3 | 0.3333333333333333" })
	void theCalculatorEvaluatesArithmetic(String expression, String expected) {
		ToolResult result = call("calculator", "{\"expression\":\"" + expression + "\"}");

		assertThat(result.failed()).as(result.output()).isFalse();
		assertThat(result.output()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"1 / 0 | not a finite number",
			"2 + | ends too early",
			"(1 + 2 | ')' expected",
			"java.lang.System.exit(0) | unknown",
			"foo(1) | unknown function 'foo'",
			"sqrt(1, 2) | sqrt takes 1 argument",
			"1 2 | unexpected '2' at position 3",
			"1.2.3 | is not a number" })
	void aBadExpressionIsAFailedResultSayingWhatIsWrong(String expression, String reason) {
		ToolResult result = call("calculator", "{\"expression\":\"" + expression + "\"}");

		assertThat(result.failed()).isTrue();
		assertThat(result.output()).contains(reason);
	}

	@Test
	void deepNestingAndLongExpressionsAreRefused() {
		assertThat(call("calculator", "{\"expression\":\"" + "(".repeat(100) + "1" + ")".repeat(100) + "\"}").output())
			.contains("nests deeper than 64");
		assertThat(call("calculator", "{\"expression\":\"" + "1+".repeat(600) + "1\"}").output()).contains("longer than 1000");
		assertThat(call("calculator", "{\"expression\":42}").failed()).isTrue();
	}

	@Test
	void theClockAnswersInTheAskedTimeZone() {
		assertThat(call("current_time", "{}").output()).isEqualTo("2026-11-24T10:15:30Z (Tuesday, UTC)");
		assertThat(call("current_time", "{\"timezone\":\"Asia/Tokyo\"}").output())
			.isEqualTo("2026-11-24T19:15:30+09:00 (Tuesday, Asia/Tokyo)");
		ToolResult unknown = call("current_time", "{\"timezone\":\"Mars/Olympus\"}");
		assertThat(unknown.failed()).isTrue();
		assertThat(unknown.output()).contains("Unknown time zone 'Mars/Olympus'");
	}

	@Test
	void everyBuiltInHasANameADescriptionAndAnObjectSchema() {
		assertThat(tools.all()).extracting(Tool::name).containsExactly("calculator", "current_time", "json_query",
				"http_request");
		assertThat(tools.all()).allSatisfy(tool -> {
			assertThat(tool.name()).matches("[a-z][a-z0-9_]{0,63}");
			assertThat(tool.description()).isNotBlank();
			assertThat(tool.parameters().get("type").asString()).isEqualTo("object");
		});
	}

	@Test
	void jsonQuerySelectsAndComputesOverTheGivenData() {
		String data = "{\"orders\":[{\"id\":1,\"status\":\"open\",\"total\":20.5},{\"id\":2,\"status\":\"paid\",\"total\":10},"
				+ "{\"id\":3,\"status\":\"open\",\"total\":4.5}]}";

		assertThat(call("json_query", "{\"data\":" + data + ",\"expression\":\"orders[status='open'].id\"}").output())
			.isEqualTo("[1,3]");
		assertThat(call("json_query", "{\"data\":" + data + ",\"expression\":\"$sum(orders[status='open'].total)\"}").output())
			.isEqualTo("25");
		assertThat(call("json_query", "{\"data\":" + data + ",\"expression\":\"orders[id=9]\"}").output()).isEqualTo("null");
	}

	@Test
	void aBadOrRunawayJsonQueryIsAFailedResult() {
		ToolResult malformed = call("json_query", "{\"data\":{},\"expression\":\"orders[\"}");
		assertThat(malformed.failed()).isTrue();
		assertThat(malformed.output()).startsWith("The expression could not be evaluated");

		// infinite recursion is stopped by the depth bound, an endless loop by the time bound
		ToolResult recursion = call("json_query",
				"{\"data\":{},\"expression\":\"($f := function($n){ $f($n + 1) }; $f(0))\"}");
		assertThat(recursion.failed()).isTrue();
		assertThat(call("json_query", "{\"data\":{},\"expression\":\"\"}").failed()).isTrue();
	}

	@Test
	void httpRequestReachesOnlyWhatTheInstallationAllowsAndPassesTheIdempotencyKey() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/echo", exchange -> {
			byte[] body = ("key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key")).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/echo";

			ToolResult refused = call("http_request", "{\"url\":\"" + url + "\"}");
			assertThat(refused.failed()).isTrue();
			assertThat(refused.output()).startsWith("EGRESS_REFUSED");

			BuiltInToolSet allowing = tools(List.of("127.0.0.1:" + server.getAddress().getPort()));
			ToolResult answered = call(allowing, "http_request", "{\"url\":\"" + url + "\"}", "run-1/step-2/1");
			assertThat(answered.failed()).as(answered.output()).isFalse();
			assertThat(json.readTree(answered.output()).get("status").asInt()).isEqualTo(200);
			assertThat(json.readTree(answered.output()).get("body").asString()).isEqualTo("key=run-1/step-2/1");
			assertThat(call("http_request", "{\"url\":\"file:///etc/passwd\"}").failed()).isTrue();
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aMalformedAllowlistEntryIsRefusedNamingTheProperty() {
		assertThatThrownBy(() -> new ToolsProperties.Egress(List.of("http://not a host")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("rampart.tools.egress.allowed-hosts: ");
	}
}
