package dev.rampart.tools.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates an arithmetic expression by recursive descent — never by a script engine, so an expression can do nothing
 * but arithmetic. Numbers are doubles; {@code + - * / %}, {@code ^} (right-associative), unary minus, parentheses, the
 * constants {@code pi} and {@code e}, and the functions {@code sqrt abs round floor ceil exp ln log10 sin cos tan min
 * max pow}. Bounded: at most {@link #MAX_LENGTH} characters and {@link #MAX_DEPTH} levels of nesting.
 */
final class Arithmetic {

	static final int MAX_LENGTH = 1_000;
	static final int MAX_DEPTH = 64;

	/** A bad expression; the message says where and what, for the model. */
	static final class InvalidExpression extends RuntimeException {

		InvalidExpression(String message) {
			super(message);
		}
	}

	private final String text;
	private int at;
	private int depth;

	private Arithmetic(String text) {
		this.text = text;
	}

	static double evaluate(String expression) {
		if (expression.length() > MAX_LENGTH) {
			throw new InvalidExpression("the expression is longer than " + MAX_LENGTH + " characters");
		}
		Arithmetic parser = new Arithmetic(expression.toLowerCase(Locale.ROOT));
		double value = parser.expression();
		parser.skipSpaces();
		if (parser.at < parser.text.length()) {
			throw parser.error("unexpected '" + parser.text.charAt(parser.at) + "'");
		}
		if (!Double.isFinite(value)) {
			throw new InvalidExpression("the result is not a finite number (division by zero or overflow)");
		}
		return value;
	}

	/** The value as a person writes it: no exponent for ordinary magnitudes, no trailing zeros. */
	static String format(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
		return Math.abs(value) >= 1e-6 && Math.abs(value) < 1e15 ? decimal.toPlainString() : decimal.toString();
	}

	private double expression() {
		enter();
		double value = term();
		while (true) {
			if (take('+')) {
				value += term();
			}
			else if (take('-')) {
				value -= term();
			}
			else {
				leave();
				return value;
			}
		}
	}

	private double term() {
		double value = unary();
		while (true) {
			if (take('*')) {
				value *= unary();
			}
			else if (take('/')) {
				value /= unary();
			}
			else if (take('%')) {
				value %= unary();
			}
			else {
				return value;
			}
		}
	}

	/** A sign applies to the whole power, as in mathematics: {@code -2^2} is -4. */
	private double unary() {
		if (take('-')) {
			enter();
			double value = -unary();
			leave();
			return value;
		}
		if (take('+')) {
			return unary();
		}
		return power();
	}

	/** Right-associative; the exponent may carry a sign: {@code 2^-1}. */
	private double power() {
		double base = primary();
		if (take('^')) {
			enter();
			double exponent = unary();
			leave();
			return Math.pow(base, exponent);
		}
		return base;
	}

	private double primary() {
		skipSpaces();
		if (take('(')) {
			double value = expression();
			expect(')');
			return value;
		}
		if (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
			return number();
		}
		if (at < text.length() && Character.isLetter(text.charAt(at))) {
			int start = at;
			while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
				at++;
			}
			return named(text.substring(start, at), start);
		}
		throw error(at < text.length() ? "unexpected '" + text.charAt(at) + "'" : "the expression ends too early");
	}

	private double number() {
		int start = at;
		while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
			at++;
		}
		if (at < text.length() && text.charAt(at) == 'e' && at + 1 < text.length()
				&& (Character.isDigit(text.charAt(at + 1)) || text.charAt(at + 1) == '-' || text.charAt(at + 1) == '+')) {
			at += 2;
			while (at < text.length() && Character.isDigit(text.charAt(at))) {
				at++;
			}
		}
		try {
			return Double.parseDouble(text.substring(start, at));
		}
		catch (NumberFormatException ex) {
			throw new InvalidExpression("'" + text.substring(start, at) + "' at position " + (start + 1) + " is not a number");
		}
	}

	private double named(String name, int start) {
		switch (name) {
			case "pi" -> {
				return Math.PI;
			}
			case "e" -> {
				return Math.E;
			}
			default -> {
			}
		}
		skipSpaces();
		if (!take('(')) {
			throw new InvalidExpression("unknown name '" + name + "' at position " + (start + 1));
		}
		List<Double> arguments = new ArrayList<>();
		if (!take(')')) {
			do {
				arguments.add(expression());
			}
			while (take(','));
			expect(')');
		}
		return function(name, arguments, start);
	}

	private static double function(String name, List<Double> args, int start) {
		int arity = switch (name) {
			case "sqrt", "abs", "round", "floor", "ceil", "exp", "ln", "log10", "sin", "cos", "tan" -> 1;
			case "pow" -> 2;
			case "min", "max" -> -1;
			default -> throw new InvalidExpression("unknown function '" + name + "' at position " + (start + 1)
					+ "; known: sqrt abs round floor ceil exp ln log10 sin cos tan min max pow");
		};
		if (arity > 0 && args.size() != arity || arity < 0 && args.isEmpty()) {
			throw new InvalidExpression(name + " takes " + (arity < 0 ? "one or more arguments" : arity + " argument"
					+ (arity == 1 ? "" : "s")) + ", not " + args.size());
		}
		double x = args.getFirst();
		return switch (name) {
			case "sqrt" -> Math.sqrt(x);
			case "abs" -> Math.abs(x);
			case "round" -> Math.round(x);
			case "floor" -> Math.floor(x);
			case "ceil" -> Math.ceil(x);
			case "exp" -> Math.exp(x);
			case "ln" -> Math.log(x);
			case "log10" -> Math.log10(x);
			case "sin" -> Math.sin(x);
			case "cos" -> Math.cos(x);
			case "tan" -> Math.tan(x);
			case "pow" -> Math.pow(x, args.get(1));
			case "min" -> args.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
			default -> args.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		};
	}

	private void enter() {
		if (++depth > MAX_DEPTH) {
			throw new InvalidExpression("the expression nests deeper than " + MAX_DEPTH + " levels");
		}
	}

	private void leave() {
		depth--;
	}

	private boolean take(char c) {
		skipSpaces();
		if (at < text.length() && text.charAt(at) == c) {
			at++;
			return true;
		}
		return false;
	}

	private void expect(char c) {
		if (!take(c)) {
			throw error("'" + c + "' expected");
		}
	}

	private void skipSpaces() {
		while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
			at++;
		}
	}

	private InvalidExpression error(String what) {
		return new InvalidExpression(what + " at position " + (at + 1));
	}
}
