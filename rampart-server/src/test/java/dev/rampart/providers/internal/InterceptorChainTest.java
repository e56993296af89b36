package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelInterceptor;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;

/** The outermost interceptor (lowest order) sees the request first and the reply and every delta last. */
class InterceptorChainTest {

	private static final ModelCallContext CONTEXT = new ModelCallContext(TenantId.of("0195f1c2-7d1e-7a35-9c61-3f0f3a1f7e21"),
			"user", "sim", "sim-echo", null, null);

	private final List<String> seen = new ArrayList<>();

	/** Appends its name to the text of whatever passes it and records the order it ran in. */
	private ModelInterceptor tagging(String name, int order) {
		return new ModelInterceptor() {

			@Override
			public int getOrder() {
				return order;
			}

			@Override
			public ModelRequest beforeCall(ModelCallContext context, ModelRequest request) {
				seen.add("before " + name);
				return request.withMessages(request.messages().stream().map(m -> m.withText(m.text() + name)).toList());
			}

			@Override
			public ModelReply afterReply(ModelCallContext context, ModelReply reply) {
				seen.add("after " + name);
				return reply.withText(reply.text() + name).withMasked(Map.of("API_KEY", 1));
			}

			@Override
			public StreamSink aroundStream(ModelCallContext context, StreamSink downstream) {
				return new StreamSink() {

					@Override
					public void delta(String text) {
						downstream.delta(text + name);
					}

					@Override
					public void end(StreamEnd end) {
						downstream.end(end.withMasked(Map.of("JWT", 1)));
					}

					@Override
					public void fail(RampartException failure) {
						downstream.fail(failure);
					}
				};
			}
		};
	}

	private final InterceptorChain chain = new InterceptorChain(List.of(tagging("B", 20), tagging("A", 10)));

	@Test
	void requestsPassFromTheOutsideInAndRepliesFromTheInsideOut() {
		ModelRequest sent = chain.before(CONTEXT, new ModelRequest(
				List.of(new ModelMessage(ModelMessage.Role.USER, "x", ModelMessage.Origin.USER_INPUT)), null, null));
		ModelReply reply = chain.after(CONTEXT, new ModelReply("y", "stop", Usage.UNKNOWN, Map.of()));

		assertThat(sent.messages().getFirst().text()).isEqualTo("xAB");
		assertThat(reply.text()).isEqualTo("yBA");
		assertThat(reply.masked()).containsEntry("API_KEY", 2);
		assertThat(seen).containsExactly("before A", "before B", "after B", "after A");
	}

	@Test
	void streamedDeltasPassTheInnermostSinkFirst() {
		RecordingSink client = new RecordingSink();
		StreamSink top = chain.wrap(CONTEXT, client);

		top.delta("z");
		top.end(new StreamEnd("stop", Usage.UNKNOWN, Map.of()));

		assertThat(client.deltas).containsExactly("zBA");
		assertThat(client.ends.getFirst().masked()).containsEntry("JWT", 2);
	}
}
