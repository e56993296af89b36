package dev.rampart.providers.spi;

/**
 * Which provider and model produced a reply: the first of a model chain, a fallback, or the response cache.
 *
 * @param provider the provider's id
 * @param model the model's name
 * @param position its place in the call's model chain: 0 for the primary, 1 for the first fallback, ...
 * @param cached whether the reply came from the response cache (then no provider was called and nothing was spent)
 */
public record ServedBy(String provider, String model, int position, boolean cached) {

	/** The same provider and model, served from the cache. */
	public ServedBy fromCache() {
		return new ServedBy(provider, model, position, true);
	}
}
