package dev.rampart.providers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.rampart.providers.LlmGateway;
import dev.rampart.providers.ModelChain;
import dev.rampart.providers.ModelTarget;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.internal.LangChainModelCalls.Target;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link LlmGateway}: resolves a model chain against the tenant's providers and calls it through
 * {@link LangChainModelCalls}.
 */
@Component
class GatewayCalls implements LlmGateway {

	private static final Logger log = LoggerFactory.getLogger(GatewayCalls.class);

	private final ProviderRegistry registry;
	private final LangChainModelCalls calls;
	private final ProviderResilience resilience;
	private final ModelClients clients;
	private final KeyPool keys;

	GatewayCalls(ProviderRegistry registry, LangChainModelCalls calls, ProviderResilience resilience, ModelClients clients,
			KeyPool keys) {
		this.registry = registry;
		this.calls = calls;
		this.resilience = resilience;
		this.clients = clients;
		this.keys = keys;
	}

	@Override
	public ModelReply chat(ModelCallContext context, ModelChain chain, ModelRequest request) {
		return calls.call(context, resolve(context.tenant(), chain), request);
	}

	@Override
	public void stream(ModelCallContext context, ModelChain chain, ModelRequest request, StreamSink sink) {
		calls.stream(context, resolve(context.tenant(), chain), request, sink);
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
