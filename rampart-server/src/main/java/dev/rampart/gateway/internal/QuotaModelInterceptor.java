package dev.rampart.gateway.internal;

import dev.rampart.gateway.TenantQuotas;
import dev.rampart.gateway.ThreatSignals;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelInterceptor;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The tenant's token budget around every model call (docs/gateway.md, "Quotas"): outside every other
 * step, so a spent budget refuses the call before any screening or provider work, and the tokens the
 * provider reports are charged once the reply or the stream is complete. A stream that fails is charged
 * nothing, since the provider reported no usage for it. The tokens also reach threat detection, whose
 * token-spend feature catches a principal that suddenly spends far more than it usually does.
 */
@Component
class QuotaModelInterceptor implements ModelInterceptor {

	/** Outside masking: it neither reads nor adds text, it only admits and counts. */
	static final int ORDER = MASKING - 100;

	private final TenantQuotas quotas;
	private final @Nullable ThreatSignals threats;

	QuotaModelInterceptor(TenantQuotas quotas, ObjectProvider<ThreatSignals> threats) {
		this.quotas = quotas;
		this.threats = threats.getIfAvailable();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public ModelRequest beforeCall(ModelCallContext context, ModelRequest request) {
		quotas.requireTokens(context.tenant());
		return request;
	}

	@Override
	public ModelReply afterReply(ModelCallContext context, ModelReply reply) {
		charge(context, reply.usage());
		return reply;
	}

	@Override
	public StreamSink aroundStream(ModelCallContext context, StreamSink downstream) {
		return new StreamSink() {

			@Override
			public void delta(String text) {
				downstream.delta(text);
			}

			@Override
			public void end(StreamEnd end) {
				charge(context, end.usage());
				downstream.end(end);
			}

			@Override
			public void fail(RampartException failure) {
				downstream.fail(failure);
			}
		};
	}

	private void charge(ModelCallContext context, Usage usage) {
		long tokens = usage.total();
		quotas.charge(context.tenant(), tokens);
		if (threats != null && tokens > 0) {
			threats.tokensSpent(context.tenant(), context.principal(), tokens);
		}
	}
}
