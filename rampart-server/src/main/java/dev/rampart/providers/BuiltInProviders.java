package dev.rampart.providers;

import java.util.List;

/** The providers this node offers every tenant without configuration (today the built-in simulator, when enabled). */
public record BuiltInProviders(List<Provider> providers) {

	public BuiltInProviders {
		providers = List.copyOf(providers);
	}
}
