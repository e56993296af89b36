package dev.rampart.providers;

import java.net.URI;
import java.util.List;

/**
 * An LLM provider this node can call.
 *
 * @param id stable name agents refer to (e.g. {@code sim})
 * @param protocol wire protocol its adapter speaks (e.g. {@code openai})
 * @param baseUrl API base URL (for OpenAI-compatible providers, the URL ending in {@code /v1})
 * @param models models agents may select
 * @param embedded whether Rampart runs this provider in-process (the built-in simulator)
 */
public record Provider(String id, String protocol, URI baseUrl, List<String> models, boolean embedded) {

	public Provider {
		models = List.copyOf(models);
	}
}
