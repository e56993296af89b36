package dev.rampart.gateway.threats;

import java.util.Locale;

/**
 * The features of a window, in vector order. Counts are log-scaled ({@code ln(1 + x)}), so a model
 * sees a jump from 10 to 100 like one from 100 to 1,000; shares are fractions of the window's
 * requests, smoothed by {@link #SHARE_PRIOR} extra requests so that one 404 in a window of one
 * request reads 20%, not 100%: a small window proves little. The two {@code *_VS_USUAL} features compare the window with the same key's own
 * history (difference of logs, 0 until the key has {@link Usuals#MIN_HISTORY} windows), which lets
 * one model serve principals of very different sizes.
 */
enum Feature {
	REQUESTS("requests", true),
	DISTINCT_RESOURCES("distinct resources", true),
	SHARE_401("share of 401 answers", false),
	SHARE_403("share of 403 answers", false),
	SHARE_404("share of 404 answers", false),
	RUN_CREATIONS("run creations", true),
	TOKENS("tokens spent", true),
	BYTES_OUT("bytes out", true),
	REQUESTS_VS_USUAL("requests compared with this principal's usual", false),
	TOKENS_VS_USUAL("tokens compared with this principal's usual", false);

	static final int COUNT = values().length;
	static final double SHARE_PRIOR = 4;

	private final String words;
	private final boolean logCount;

	Feature(String words, boolean logCount) {
		this.words = words;
		this.logCount = logCount;
	}

	String words() {
		return words;
	}

	/** The feature's name in stored anomalies and the API: lower camel case, e.g. {@code share404}. */
	String key() {
		StringBuilder key = new StringBuilder();
		for (String part : name().toLowerCase(Locale.ROOT).split("_")) {
			key.append(key.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return key.toString();
	}

	/** The vector of a window, given the key's usual levels. */
	static double[] vector(WindowCounts c, Usuals.Usual usual) {
		double requests = c.requests() + SHARE_PRIOR;
		double[] v = new double[COUNT];
		v[REQUESTS.ordinal()] = Math.log1p(c.requests());
		v[DISTINCT_RESOURCES.ordinal()] = Math.log1p(c.distinct());
		v[SHARE_401.ordinal()] = c.unauthorized() / requests;
		v[SHARE_403.ordinal()] = c.forbidden() / requests;
		v[SHARE_404.ordinal()] = c.notFound() / requests;
		v[RUN_CREATIONS.ordinal()] = Math.log1p(c.runs());
		v[TOKENS.ordinal()] = Math.log1p(c.tokens());
		v[BYTES_OUT.ordinal()] = Math.log1p(c.bytesOut());
		if (usual.known()) {
			v[REQUESTS_VS_USUAL.ordinal()] = v[REQUESTS.ordinal()] - usual.logRequests();
			v[TOKENS_VS_USUAL.ordinal()] = v[TOKENS.ordinal()] - usual.logTokens();
		}
		return v;
	}

	/** {@code value} (and the model's typical value) in words: counts as plain numbers, shares as percentages. */
	String describe(double value, double typical) {
		if (logCount) {
			return words + " " + Math.round(Math.expm1(value)) + " (usually about " + Math.round(Math.expm1(typical)) + ")";
		}
		if (this == REQUESTS_VS_USUAL || this == TOKENS_VS_USUAL) {
			return words.replace("compared with", "at") + " x" + String.format(Locale.ROOT, "%.1f", Math.exp(value));
		}
		return words + " " + Math.round(value * 100) + "% (usually about " + Math.round(typical * 100) + "%)";
	}
}
