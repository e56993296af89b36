package dev.rampart.providers.internal;

import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.rampart.providers.LlmGateway;
import dev.rampart.providers.ModelChain;
import dev.rampart.providers.ModelChain.CacheMode;
import dev.rampart.providers.ModelTarget;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.internal.LangChainModelCalls.Target;
import dev.rampart.providers.internal.cache.CacheKey;
import dev.rampart.providers.internal.cache.CachedReply;
import dev.rampart.providers.internal.cache.ResponseCache;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link LlmGateway}: resolves a model chain against the tenant's providers, answers from the response cache when
 * the chain's cache mode and the request allow it, otherwise calls the chain through {@link LangChainModelCalls}
 * (interceptors once, then each model in order) and, when every model failed, falls back to the cache.
 */
@Component
class GatewayCalls implements LlmGateway {

	private static final Logger log = LoggerFactory.getLogger(GatewayCalls.class);

	/** A longer stream is passed on but not cached (the cache refuses big entries anyway). */
	private static final int MAX_RECORDED_CHARS = 1 << 20;

	private final ProviderRegistry registry;
	private final LangChainModelCalls calls;
	private final ProviderResilience resilience;
	private final ModelClients clients;
	private final KeyPool keys;
	private final ResponseCache cache;
	private final Clock clock;

	GatewayCalls(ProviderRegistry registry, LangChainModelCalls calls, ProviderResilience resilience, ModelClients clients,
			KeyPool keys, ResponseCache cache, Clock clock) {
		this.cache = cache;
		this.clock = clock;
		this.registry = registry;
		this.calls = calls;
		this.resilience = resilience;
		this.clients = clients;
		this.keys = keys;
	}

	@Override
	public ModelReply chat(ModelCallContext context, ModelChain chain, ModelRequest request) {
		List<Target> targets = resolve(context.tenant(), chain);
		Caching caching = caching(context, chain, request);
		if (caching.read()) {
			Optional<CachedReply> hit = cache.get(caching.key());
			if (hit.isPresent()) {
				return cached(chain, hit.get());
			}
		}
		ModelReply reply;
		try {
			reply = calls.call(context, targets, request);
		}
		catch (RampartException ex) {
			if (caching.store() && Exhausted.fallsBack(ex)) {
				Optional<CachedReply> hit = cache.get(caching.key());
				if (hit.isPresent()) {
					log.warn("Every model of a chain failed ({}); answered from the response cache", ex.code());
					return cached(chain, hit.get());
				}
			}
			throw ex;
		}
		if (caching.store() && reply.servedBy() != null) {
			store(caching.key(), CachedReply.of(reply, reply.servedBy().provider(), reply.servedBy().model(), clock.instant()));
		}
		return reply;
	}

	@Override
	public void stream(ModelCallContext context, ModelChain chain, ModelRequest request, StreamSink sink) {
		List<Target> targets = resolve(context.tenant(), chain);
		Caching caching = caching(context, chain, request);
		if (caching.read()) {
			Optional<CachedReply> hit = cache.get(caching.key());
			if (hit.isPresent()) {
				replay(chain, hit.get(), sink);
				return;
			}
		}
		if (!caching.store()) {
			calls.stream(context, targets, request, sink);
			return;
		}
		Recording recording = new Recording(sink);
		calls.stream(context, targets, request, recording);
		if (recording.heldFailure != null) {
			Optional<CachedReply> hit = cache.get(caching.key());
			if (hit.isPresent()) {
				log.warn("Every model of a chain failed ({}); streamed from the response cache", recording.heldFailure.code());
				replay(chain, hit.get(), sink);
			}
			else {
				sink.fail(recording.heldFailure);
			}
		}
		else if (recording.ended != null && recording.ended.servedBy() != null) {
			StreamEnd end = recording.ended;
			store(caching.key(), new CachedReply(recording.text.toString(), end.finishReason(), end.usage(), end.masked(),
					end.servedBy().provider(), end.servedBy().model(), clock.instant(), end.toolCalls()));
		}
	}

	/**
	 * How this call uses the response cache (docs/providers.md, "Response cache"): keyed by the tenant, the chain's
	 * primary and the request as the caller made it.
	 */
	private Caching caching(ModelCallContext context, ModelChain chain, ModelRequest request) {
		boolean read = switch (chain.cache()) {
			case AUTO -> ResponseCache.eligible(request, false);
			case PREFER -> true;
			case FALLBACK, OFF -> false;
		};
		boolean store = read || chain.cache() == CacheMode.FALLBACK;
		return new Caching(read, store, store ? CacheKey.of(context.tenant(), chain.primary().provider(),
				chain.primary().model(), request) : null);
	}

	private record Caching(boolean read, boolean store, @Nullable CacheKey key) {
	}

	/** Writes all tiers off the caller's thread: the reply does not wait for Redis or PostgreSQL. */
	private void store(@Nullable CacheKey key, CachedReply reply) {
		if (key == null) {
			return;
		}
		Thread.ofVirtual().name("response-cache-put").start(() -> {
			try {
				cache.put(key, reply);
			}
			catch (RuntimeException ex) {
				log.warn("Could not store a reply in the response cache", ex);
			}
		});
	}

	private static ModelReply cached(ModelChain chain, CachedReply hit) {
		ModelReply reply = hit.toModelReply();
		return new ModelReply(reply.text(), reply.finishReason(), reply.usage(), reply.masked(), servedBy(chain, hit),
				reply.toolCalls());
	}

	private static void replay(ModelChain chain, CachedReply hit, StreamSink sink) {
		if (!hit.text().isEmpty()) {
			sink.delta(hit.text());
		}
		sink.end(new StreamEnd(hit.finishReason(), hit.usage(), hit.masked(), servedBy(chain, hit), hit.toolCalls()));
	}

	private static ServedBy servedBy(ModelChain chain, CachedReply hit) {
		int position = chain.targets().indexOf(new ModelTarget(hit.provider(), hit.model()));
		return new ServedBy(hit.provider(), hit.model(), Math.max(0, position), true);
	}

	/**
	 * Passes a stream on while keeping its text for the cache; holds back a provider failure that comes before any
	 * delta, so the caller can answer from the cache instead.
	 */
	private static final class Recording implements StreamSink {

		private final StreamSink downstream;
		private final StringBuilder text = new StringBuilder();
		private boolean delivered;
		private @Nullable StreamEnd ended;
		private @Nullable RampartException heldFailure;

		Recording(StreamSink downstream) {
			this.downstream = downstream;
		}

		@Override
		public void delta(String piece) {
			delivered = true;
			if (text.length() <= MAX_RECORDED_CHARS) {
				text.append(piece);
			}
			downstream.delta(piece);
		}

		@Override
		public void end(StreamEnd end) {
			ended = text.length() <= MAX_RECORDED_CHARS ? end : null;
			downstream.end(end);
		}

		@Override
		public void fail(RampartException failure) {
			if (!delivered && Exhausted.fallsBack(failure)) {
				heldFailure = failure;
				return;
			}
			downstream.fail(failure);
		}
	}

	@Override
	public List<float[]> embed(TenantId tenant, ModelTarget target, List<String> texts) {
		Provider provider = registry.find(tenant, target.provider())
			.orElseThrow(() -> new InvalidFieldsException("model", "names no provider of this tenant: " + target.provider()));
		List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
		List<Embedding> embeddings = resilience.call(provider, target.model(), () -> {
			@Nullable UUID key = keys.next(provider);
			try {
				return clients.embeddings(provider, target.model(), key).embedAll(segments).content();
			}
			catch (RuntimeException ex) {
				throw ProviderFailures.of(provider, ex);
			}
		});
		return embeddings.stream().map(Embedding::vector).toList();
	}

	/**
	 * The chain's models that exist in the tenant, in order. A model whose provider or model was removed since the
	 * chain was saved is skipped (and logged); a chain with none left is invalid.
	 */
	private List<Target> resolve(TenantId tenant, ModelChain chain) {
		List<Target> targets = new ArrayList<>(chain.targets().size());
		for (int position = 0; position < chain.targets().size(); position++) {
			ModelTarget wanted = chain.targets().get(position);
			@Nullable Provider provider = registry.find(tenant, wanted.provider()).orElse(null);
			if (provider == null || provider.model(wanted.model()).isEmpty()) {
				log.warn("Model {} of a chain of tenant {} is no longer configured; skipped", wanted, tenant);
				continue;
			}
			targets.add(new Target(provider, wanted.model(), position));
		}
		if (targets.isEmpty()) {
			throw new InvalidFieldsException("model", "none of the chain's models is configured in this tenant: "
					+ chain.targets());
		}
		return targets;
	}
}
