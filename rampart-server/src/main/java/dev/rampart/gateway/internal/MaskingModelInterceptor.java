package dev.rampart.gateway.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.rampart.gateway.GatewayPolicies;
import dev.rampart.gateway.GatewayPolicy;
import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.Masked;
import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.MaskingReport;
import dev.rampart.gateway.StreamMasker;
import dev.rampart.gateway.internal.MaskingMeters.Surface;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelInterceptor;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.shared.RampartException;
import org.springframework.stereotype.Component;

/**
 * The outermost step of the model-call chain: masks the model's reply, or each streamed delta (a secret split
 * over several deltas is still masked: the stream masker holds back a tail that may still become one), by the
 * tenant's policy, and reports the counts in the reply. When the policy says so, untrusted messages sent to the
 * model are masked too (tool results among them). It does not mask tool-call arguments in replies: they go to
 * tools, not to people, and a masked argument would make the call wrong (docs/providers.md, "Tool calling").
 */
@Component
class MaskingModelInterceptor implements ModelInterceptor {

	private final GatewayPolicies policies;
	private final Masker masker;
	private final MaskingMeters meters;

	MaskingModelInterceptor(GatewayPolicies policies, Masker masker, MaskingMeters meters) {
		this.policies = policies;
		this.masker = masker;
		this.meters = meters;
	}

	@Override
	public int getOrder() {
		return MASKING;
	}

	@Override
	public ModelRequest beforeCall(ModelCallContext context, ModelRequest request) {
		GatewayPolicy policy = policies.of(context.tenant());
		if (!policy.maskPrompts()) {
			return request;
		}
		List<ModelMessage> messages = request.messages().stream().map(message -> {
			if (!message.untrusted()) {
				return message;
			}
			Masked masked = masker.maskWithReport(message.text(), masking(context, policy.masking()));
			meters.count(Surface.MODEL_PROMPT, masked.report());
			return message.withText(masked.text());
		}).toList();
		return request.withMessages(messages);
	}

	@Override
	public ModelReply afterReply(ModelCallContext context, ModelReply reply) {
		Masked masked = masker.maskWithReport(reply.text(), masking(context));
		meters.count(Surface.MODEL_REPLY, masked.report());
		return reply.withText(masked.text()).withMasked(names(masked.report()));
	}

	@Override
	public StreamSink aroundStream(ModelCallContext context, StreamSink downstream) {
		StreamMasker stream = masker.stream(masking(context));
		return new StreamSink() {

			@Override
			public void delta(String text) {
				String safe = stream.accept(text);
				if (!safe.isEmpty()) {
					downstream.delta(safe);
				}
			}

			@Override
			public void end(StreamEnd end) {
				String rest = stream.finish();
				if (!rest.isEmpty()) {
					downstream.delta(rest);
				}
				meters.count(Surface.MODEL_STREAM, stream.report());
				downstream.end(end.withMasked(names(stream.report())));
			}

			@Override
			public void fail(RampartException failure) {
				// what is held back may be the start of a secret that never completed: dropped, not flushed
				meters.count(Surface.MODEL_STREAM, stream.report());
				downstream.fail(failure);
			}
		};
	}

	private MaskingPolicy masking(ModelCallContext context) {
		return masking(context, policies.of(context.tenant()).masking());
	}

	/**
	 * The tenant's policy, tightened by the calling agent's own actions: per category, the stricter of the two
	 * ({@code mask} over {@code partial} over {@code allow}). An agent's setting never loosens what the tenant's
	 * administrators chose; labels the masker does not know were refused when the agent was saved.
	 */
	static MaskingPolicy masking(ModelCallContext context, MaskingPolicy tenant) {
		MaskingPolicy effective = tenant;
		for (MaskingCategory category : MaskingCategory.values()) {
			String wanted = context.masking().get(category.label());
			if (wanted == null) {
				continue;
			}
			MaskAction agent = MaskAction.valueOf(wanted.toUpperCase(Locale.ROOT));
			MaskAction current = effective.actions().get(category);
			if (agent.ordinal() < current.ordinal()) {
				effective = effective.with(category, agent);
			}
		}
		return effective;
	}

	static Map<String, Integer> names(MaskingReport report) {
		Map<String, Integer> names = new LinkedHashMap<>();
		report.counts().forEach((category, count) -> names.put(category.name(), count));
		return names;
	}
}
