package dev.rampart.workflows;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * A JSONata expression of a workflow (ADR 0021, docs/workflows.md "Expressions"), evaluated over a {@link Scope}. It
 * can only compute over its scope — no I/O — and is bounded: {@link #TIME_LIMIT_MS} per evaluation and
 * {@link #MAX_DEPTH} levels of recursion. Stored definitions hold only expressions that compile.
 *
 * @param text the expression, e.g. {@code $steps.fetch.output.items[price > 10]}
 */
public record Expression(String text) {

	public static final long TIME_LIMIT_MS = 1_000;
	public static final int MAX_DEPTH = 100;

	/** {@code $steps.id} or {@code $steps.`id-with-dashes`}: how expressions name a step's results. */
	static final Pattern STEP_REFERENCE = Pattern.compile("\\$steps\\s*\\.\\s*(?:`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*))");

	private static final JsonMapper JSON = JsonMapper.shared();

	/** Why the expression does not compile, or null when it does. */
	public @Nullable String compileProblem() {
		try {
			Jsonata.jsonata(text);
			return null;
		}
		catch (JException ex) {
			return "is not a valid JSONata expression: " + ex.getMessage();
		}
		catch (RuntimeException ex) {
			// the port reports some malformed expressions as other runtime exceptions
			return "is not a valid JSONata expression";
		}
	}

	/** The ids of the steps whose results the expression reads ({@code $steps.<id>}). */
	public Set<String> referencedSteps() {
		Set<String> ids = new LinkedHashSet<>();
		Matcher matcher = STEP_REFERENCE.matcher(text);
		while (matcher.find()) {
			ids.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
		}
		return ids;
	}

	/**
	 * The value in {@code scope}; a missing value is JSON null.
	 *
	 * @throws IllegalArgumentException when the evaluation fails (a type error, the time or depth bound); the message
	 * says why and may be shown to the workflow's author
	 */
	public JsonNode evaluate(Scope scope) {
		try {
			Jsonata query = Jsonata.jsonata(text);
			Jsonata.Frame frame = query.createFrame();
			frame.setRuntimeBounds(TIME_LIMIT_MS, MAX_DEPTH);
			frame.bind("input", plain(scope.input()));
			frame.bind("steps", plain(scope.steps()));
			frame.bind("item", scope.item() == null ? null : plain(scope.item()));
			frame.bind("index", scope.index());
			frame.bind("iteration", scope.iteration());
			Object result = query.evaluate(plain(scope.input()), frame);
			return result == null || result == Jsonata.NULL_VALUE ? NullNode.getInstance() : JSON.valueToTree(result);
		}
		catch (JException ex) {
			throw new IllegalArgumentException("The expression could not be evaluated: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("The expression could not be evaluated: " + ex.getClass().getSimpleName(), ex);
		}
	}

	/** The value as a truth value, as JSONata's {@code $boolean} decides it (for {@code when} and {@code while}). */
	public boolean test(Scope scope) {
		JsonNode value = evaluate(scope);
		return Jsonata.boolize(value.isNull() ? null : JSON.treeToValue(value, Object.class));
	}

	private static @Nullable Object plain(JsonNode node) {
		return node.isNull() || node.isMissingNode() ? null : JSON.treeToValue(node, Object.class);
	}
}
