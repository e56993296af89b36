package dev.rampart.providers.internal.cache;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.providers.spi.Usage;
import org.jspecify.annotations.Nullable;

/**
 * A model's whole reply as the cache keeps it: the reply AFTER the interceptor chain masked it, so no tier ever
 * holds text the caller was not allowed to see. Stored as JSON in Redis and PostgreSQL, so every field must stay
 * readable by later versions (add fields, never rename them).
 *
 * @param usage the tokens the original call consumed (a cached answer consumes none; the caller decides what to record)
 * @param masked the masked counts of the original reply, by category
 * @param provider the provider that produced the reply
 * @param model the model that produced the reply
 * @param storedAt when the reply was first cached
 * @param toolCalls the tool calls the model asked for; absent (empty) in entries written before tool calling
 */
public record CachedReply(String text, @Nullable String finishReason, Usage usage, Map<String, Integer> masked,
		String provider, String model, Instant storedAt, List<ModelToolCall> toolCalls) {

	public CachedReply {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(usage, "usage");
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(storedAt, "storedAt");
		masked = Collections.unmodifiableMap(new TreeMap<>(masked == null ? Map.of() : masked));
		toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
	}

	public CachedReply(String text, @Nullable String finishReason, Usage usage, Map<String, Integer> masked,
			String provider, String model, Instant storedAt) {
		this(text, finishReason, usage, masked, provider, model, storedAt, List.of());
	}

	/** The reply of a call to {@code provider}/{@code model}, cached at {@code now}. */
	public static CachedReply of(ModelReply reply, String provider, String model, Instant now) {
		return new CachedReply(reply.text(), reply.finishReason(), reply.usage(), reply.masked(), provider, model, now,
				reply.toolCalls());
	}

	/** The reply as the chain hands it outwards. */
	public ModelReply toModelReply() {
		return new ModelReply(text, finishReason, usage, masked, null, toolCalls);
	}
}
