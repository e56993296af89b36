package dev.rampart.tools.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.tools.BuiltInTools;
import dev.rampart.tools.EgressAllowlists;
import dev.rampart.tools.EgressPolicy;
import dev.rampart.tools.SafeHttp;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolResult;
import dev.rampart.tools.ToolsProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in tools: {@code calculator}, {@code current_time}, {@code json_query} and {@code http_request}
 * (docs/tools.md). {@code memory_search} and {@code memory_save} join with the memories of issue #7.
 */
@Component
class BuiltInToolSet implements BuiltInTools {

	private final List<Tool> tools;

	@Autowired
	BuiltInToolSet(Clock clock, JsonMapper json, SafeHttp http, EgressAllowlists egress) {
		this(clock, json, http, egress::policyFor);
	}

	/** With the node's allowlist only, for tests. */
	BuiltInToolSet(Clock clock, JsonMapper json, SafeHttp http, ToolsProperties properties) {
		this(clock, json, http, tenant -> EgressPolicy.defaults()
			.withAllowedHosts(properties.egress().allowedHosts().toArray(String[]::new)));
	}

	private BuiltInToolSet(Clock clock, JsonMapper json, SafeHttp http, Function<TenantId, EgressPolicy> egress) {
		this.tools = List.of(new Calculator(json), new CurrentTime(clock, json), new JsonQuery(json),
				new HttpRequestTool(json, http, egress));
	}

	@Override
	public List<Tool> all() {
		return tools;
	}

	/** A tool's name, description and argument schema, fixed when it is made. */
	abstract static class Described implements Tool {

		private final String name;
		private final String description;
		private final JsonNode parameters;

		Described(String name, String description, JsonNode parameters) {
			this.name = name;
			this.description = description;
			this.parameters = parameters;
		}

		@Override
		public final String name() {
			return name;
		}

		@Override
		public final String description() {
			return description;
		}

		@Override
		public final JsonNode parameters() {
			return parameters;
		}

		@Override
		public final String source() {
			return "built-in";
		}
	}

	/** Arithmetic the model should not do in its head. */
	static final class Calculator extends Described {

		Calculator(JsonMapper json) {
			super("calculator", "Evaluates an arithmetic expression exactly as written and returns the number.", json.readTree("""
					{"type":"object","additionalProperties":false,"required":["expression"],
					 "properties":{"expression":{"type":"string","minLength":1,"maxLength":%d,
					   "description":"Arithmetic: + - * / %% ^, parentheses, pi, e, sqrt abs round floor ceil exp ln log10 sin cos tan min max pow"}}}"""
				.formatted(Arithmetic.MAX_LENGTH)));
		}

		@Override
		public ToolResult call(ToolCall call) {
			JsonNode expression = call.arguments().get("expression");
			if (expression == null || !expression.isString()) {
				return ToolResult.failed("expression must be a string, e.g. \"(2 + 3) * 4\"");
			}
			try {
				return ToolResult.ok(Arithmetic.format(Arithmetic.evaluate(expression.asString())));
			}
			catch (Arithmetic.InvalidExpression ex) {
				return ToolResult.failed("The expression could not be evaluated: " + ex.getMessage() + ".");
			}
		}
	}

	/** The date and time now, in a time zone. */
	static final class CurrentTime extends Described {

		private final Clock clock;

		CurrentTime(Clock clock, JsonMapper json) {
			super("current_time", "Returns the current date, time and weekday in a time zone (UTC by default).", json.readTree("""
					{"type":"object","additionalProperties":false,
					 "properties":{"timezone":{"type":"string","maxLength":64,
					   "description":"IANA time zone such as Europe/Paris or America/New_York; UTC when left out"}}}"""));
			this.clock = clock;
		}

		@Override
		public ToolResult call(ToolCall call) {
			JsonNode timezone = call.arguments().get("timezone");
			ZoneId zone;
			try {
				zone = timezone == null || timezone.isNull() ? ZoneId.of("UTC") : ZoneId.of(timezone.asString());
			}
			catch (DateTimeException ex) {
				return ToolResult.failed("Unknown time zone '" + timezone.asString()
						+ "'; use an IANA name such as Europe/Paris, America/New_York or UTC.");
			}
			ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
			return ToolResult.ok(now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " ("
					+ now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", " + zone.getId() + ")");
		}
	}

	/**
	 * A JSONata query over JSON the model passes (a tool result, a document): JSONata (jsonata.org) through
	 * {@code com.dashjoin:jsonata}, the reference port (ADR 0021). It can only compute over its input — no I/O —
	 * and is bounded: {@link #TIME_LIMIT_MS} per evaluation, {@link #MAX_DEPTH} levels of recursion, and answers of
	 * at most {@link #MAX_OUTPUT} characters.
	 */
	static final class JsonQuery extends Described {

		static final int MAX_EXPRESSION = 2_000;
		static final long TIME_LIMIT_MS = 1_000;
		static final int MAX_DEPTH = 100;
		static final int MAX_OUTPUT = 100_000;

		private final JsonMapper json;

		JsonQuery(JsonMapper json) {
			super("json_query", "Selects and computes over JSON data with a JSONata expression and returns the result as JSON.",
					json.readTree("""
					{"type":"object","additionalProperties":false,"required":["data","expression"],
					 "properties":{"data":{"description":"the JSON to query (object, array or value)"},
					   "expression":{"type":"string","minLength":1,"maxLength":%d,
					     "description":"a JSONata expression, e.g. orders[status='open'].total or $sum(items.price)"}}}"""
				.formatted(MAX_EXPRESSION)));
			this.json = json;
		}

		@Override
		public ToolResult call(ToolCall call) {
			JsonNode expression = call.arguments().get("expression");
			if (expression == null || !expression.isString() || expression.asString().isBlank()) {
				return ToolResult.failed("expression must be a JSONata expression, e.g. \"orders[status='open'].total\"");
			}
			if (expression.asString().length() > MAX_EXPRESSION) {
				return ToolResult.failed("expression is longer than " + MAX_EXPRESSION + " characters");
			}
			JsonNode data = call.arguments().get("data");
			Object input = data == null || data.isNull() ? null : json.treeToValue(data, Object.class);
			try {
				Jsonata query = Jsonata.jsonata(expression.asString());
				Jsonata.Frame frame = query.createFrame();
				frame.setRuntimeBounds(TIME_LIMIT_MS, MAX_DEPTH);
				Object result = query.evaluate(input, frame);
				String output = result == null ? "null" : json.writeValueAsString(result);
				if (output.length() > MAX_OUTPUT) {
					return ToolResult.failed("The result is longer than " + MAX_OUTPUT
							+ " characters; select less (filter, or take the first items with [[0..9]]).");
				}
				return ToolResult.ok(output);
			}
			catch (JException ex) {
				return ToolResult.failed("The expression could not be evaluated: " + ex.getMessage());
			}
			catch (RuntimeException ex) {
				// the port reports some malformed expressions as other runtime exceptions
				return ToolResult.failed("The expression could not be evaluated: " + ex.getClass().getSimpleName());
			}
		}
	}

	/**
	 * An HTTP request to a URL the model names, through {@link SafeHttp} (docs/tools-egress.md): only public hosts, or
	 * what the installation allowlists; the run's idempotency key goes out as {@code Idempotency-Key}, so a resumed
	 * step does not repeat an effect. The answer is the status, the content type and the body as text, cut at
	 * {@link HttpAnswers#MAX_BODY_CHARS}.
	 */
	static final class HttpRequestTool extends Described {

		static final int MAX_REQUEST_BODY = 100_000;

		private final JsonMapper json;
		private final SafeHttp http;
		private final Function<TenantId, EgressPolicy> egress;

		HttpRequestTool(JsonMapper json, SafeHttp http, Function<TenantId, EgressPolicy> egress) {
			super("http_request", "Sends an HTTP request to a public URL and returns the status, content type and body.",
					json.readTree("""
							{"type":"object","additionalProperties":false,"required":["url"],
							 "properties":{"url":{"type":"string","maxLength":2000,"description":"an absolute http or https URL"},
							   "method":{"enum":["GET","POST","PUT","PATCH","DELETE","HEAD"],"default":"GET"},
							   "headers":{"type":"object","maxProperties":20,"additionalProperties":{"type":"string","maxLength":1000}},
							   "body":{"type":"string","maxLength":%d}}}""".formatted(MAX_REQUEST_BODY)));
			this.json = json;
			this.http = http;
			this.egress = egress;
		}

		@Override
		public ToolResult call(ToolCall call) {
			JsonNode args = call.arguments();
			JsonNode url = args.get("url");
			if (url == null || !url.isString()) {
				return ToolResult.failed("url must be an absolute http or https URL");
			}
			URI uri;
			try {
				uri = new URI(url.asString());
			}
			catch (URISyntaxException ex) {
				return ToolResult.failed("url is not a valid URL: " + ex.getReason());
			}
			String method = args.has("method") ? args.get("method").asString() : "GET";
			Map<String, String> headers = new LinkedHashMap<>();
			JsonNode given = args.get("headers");
			if (given != null && given.isObject()) {
				given.properties().forEach(header -> headers.put(header.getKey(), header.getValue().asString()));
			}
			if (call.idempotencyKey() != null) {
				headers.put("Idempotency-Key", call.idempotencyKey());
			}
			JsonNode body = args.get("body");
			byte[] bytes = body == null || body.isNull() ? null : body.asString().getBytes(StandardCharsets.UTF_8);
			try {
				SafeHttp.Response response = http.send(call.tenant(), new SafeHttp.Request(method, uri, headers, bytes),
						egress.apply(call.tenant()));
				return ToolResult.ok(HttpAnswers.of(json, response, response.bodyText()));
			}
			catch (RampartException ex) {
				return ToolResult.failed(ex.code() + ": " + ex.technicalDetails());
			}
			catch (IllegalArgumentException ex) {
				return ToolResult.failed("The request is not valid: " + ex.getMessage());
			}
		}
	}
}
