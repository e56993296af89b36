package dev.rampart.providers;

import java.util.regex.Pattern;

/**
 * One provider and model, written {@code provider/model} (e.g. {@code sim/sim-echo}, {@code azure-eu/gpt-4o-prod}).
 *
 * @param provider the provider's id in the tenant (a built-in one or the tenant's own)
 * @param model one of its models
 */
public record ModelTarget(String provider, String model) {

	private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	public ModelTarget {
		if (!PROVIDER.matcher(provider).matches()) {
			throw new IllegalArgumentException("'" + provider + "' is not a provider id (lower-case letters, digits, '-')");
		}
		if (model.isBlank() || model.length() > 200) {
			throw new IllegalArgumentException("a model name has 1 to 200 characters");
		}
	}

	/** Reads {@code provider/model}; the model part may itself contain slashes. */
	public static ModelTarget parse(String text) {
		int slash = text.indexOf('/');
		if (slash <= 0 || slash == text.length() - 1) {
			throw new IllegalArgumentException("'" + text + "' is not provider/model, e.g. sim/sim-echo");
		}
		return new ModelTarget(text.substring(0, slash), text.substring(slash + 1));
	}

	@Override
	public String toString() {
		return provider + "/" + model;
	}
}
