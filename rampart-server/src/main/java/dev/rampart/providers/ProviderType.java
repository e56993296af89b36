package dev.rampart.providers;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The API a provider speaks, which decides the adapter that calls it (docs/providers.md, "Provider types").
 * {@link #wireName()} is how the type is written in the API and in credentials.
 */
public enum ProviderType {

	/** api.openai.com. */
	OPENAI("openai", true, URI.create("https://api.openai.com/v1")),
	/** Anything speaking OpenAI's chat-completions API: vLLM, Ollama's OpenAI API, LM Studio, LiteLLM. */
	OPENAI_COMPATIBLE("openai-compatible", false, null),
	/** api.anthropic.com (messages API). */
	ANTHROPIC("anthropic", true, URI.create("https://api.anthropic.com/v1")),
	/** Ollama's native API ({@code /api/chat}). */
	OLLAMA("ollama", false, URI.create("http://localhost:11434")),
	/** Google's Gemini API; the base URL ends in the API version ({@code /v1beta}). */
	GEMINI("gemini", true, URI.create("https://generativelanguage.googleapis.com/v1beta")),
	/** Azure OpenAI: the resource URL; models are deployment names; needs an {@code apiVersion}. */
	AZURE_OPENAI("azure-openai", true, null),
	/** Rampart's LLM simulator (OpenAI API), built in or standalone. */
	SIM("sim", false, null);

	private final String wireName;
	private final boolean keyRequired;
	private final @Nullable URI defaultBaseUrl;

	ProviderType(String wireName, boolean keyRequired, @Nullable URI defaultBaseUrl) {
		this.wireName = wireName;
		this.keyRequired = keyRequired;
		this.defaultBaseUrl = defaultBaseUrl;
	}

	public String wireName() {
		return wireName;
	}

	/** Whether a provider of this type needs at least one credential. */
	public boolean keyRequired() {
		return keyRequired;
	}

	/** The public API's URL, used when a configuration names none; null when a base URL is required. */
	public @Nullable URI defaultBaseUrl() {
		return defaultBaseUrl;
	}

	public static Optional<ProviderType> fromWireName(String name) {
		return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
	}
}
