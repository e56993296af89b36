package dev.rampart.tools.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import dev.rampart.tools.BuiltInTools;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in tools that need nothing outside the node: {@code calculator} and {@code current_time} (docs/tools.md).
 * The others of issue #7 ({@code http_request}, {@code json_query}, {@code memory_search}, {@code memory_save}) join
 * as their modules land.
 */
@Component
class BuiltInToolSet implements BuiltInTools {

	private final List<Tool> tools;

	BuiltInToolSet(Clock clock, JsonMapper json) {
		this.tools = List.of(new Calculator(json), new CurrentTime(clock, json));
	}

	@Override
	public List<Tool> all() {
		return tools;
	}

	/** Arithmetic the model should not do in its head. */
	static final class Calculator implements Tool {

		private final JsonNode parameters;

		Calculator(JsonMapper json) {
			this.parameters = json.readTree("""
					{"type":"object","additionalProperties":false,"required":["expression"],
					 "properties":{"expression":{"type":"string","minLength":1,"maxLength":%d,
					   "description":"Arithmetic: + - * / %% ^, parentheses, pi, e, sqrt abs round floor ceil exp ln log10 sin cos tan min max pow"}}}"""
				.formatted(Arithmetic.MAX_LENGTH));
		}

		@Override
		public String name() {
			return "calculator";
		}

		@Override
		public String description() {
			return "Evaluates an arithmetic expression exactly as written and returns the number.";
		}

		@Override
		public JsonNode parameters() {
			return parameters;
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
	static final class CurrentTime implements Tool {

		private final Clock clock;
		private final JsonNode parameters;

		CurrentTime(Clock clock, JsonMapper json) {
			this.clock = clock;
			this.parameters = json.readTree("""
					{"type":"object","additionalProperties":false,
					 "properties":{"timezone":{"type":"string","maxLength":64,
					   "description":"IANA time zone such as Europe/Paris or America/New_York; UTC when left out"}}}""");
		}

		@Override
		public String name() {
			return "current_time";
		}

		@Override
		public String description() {
			return "Returns the current date, time and weekday in a time zone (UTC by default).";
		}

		@Override
		public JsonNode parameters() {
			return parameters;
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
}
