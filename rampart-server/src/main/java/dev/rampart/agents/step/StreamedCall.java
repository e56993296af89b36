package dev.rampart.agents.step;

import java.util.List;

import dev.rampart.agents.AgentDefinition;
import dev.rampart.agents.StepEvent;
import dev.rampart.providers.LlmGateway;
import dev.rampart.providers.ModelChain;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ScreeningAction;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;

/**
 * The innermost link of a step's chain: one streamed call through the provider gateway. Each delta (already masked by
 * the gateway) goes out as a {@link StepEvent.Token} while the text and the tool calls are collected for the loop. A
 * cancel stops the stream in flight ({@link StepRun#interruptibly}) and the call throws
 * {@link java.util.concurrent.CancellationException}.
 */
final class StreamedCall implements StepInterceptor.ModelCall {

	private final LlmGateway gateway;
	private final StepRun run;

	StreamedCall(LlmGateway gateway, StepRun run) {
		this.gateway = gateway;
		this.run = run;
	}

	@Override
	public StepReply call(ModelRequest request) {
		AgentDefinition definition = run.agent().definition();
		ModelChain chain = definition.chain();
		ModelCallContext context = new ModelCallContext(run.invocation().tenant(), run.invocation().principal(),
				chain.primary().provider(), chain.primary().model(), run.agent().agentId().toString(),
				screening(definition), run.invocation().runId(), definition.masking());
		Collector collector = new Collector(run);
		run.interruptibly(() -> {
			// a cancel interrupts the wait for the stream: the gateway closes it and fails the sink
			gateway.stream(context, chain, request, collector);
			return collector;
		});
		return collector.reply();
	}

	/** The agent's own screening action, or null for the tenant's policy. */
	private static @Nullable ScreeningAction screening(AgentDefinition definition) {
		return definition.screening() == null ? null : ScreeningAction.valueOf(definition.screening().name());
	}

	/** Collects one stream; the gateway calls it from one thread at a time. */
	private static final class Collector implements StreamSink {

		private final StepRun run;
		private final StringBuilder text = new StringBuilder();
		private @Nullable StreamEnd end;
		private @Nullable RampartException failure;

		Collector(StepRun run) {
			this.run = run;
		}

		@Override
		public void delta(String piece) {
			text.append(piece);
			run.emit(new StepEvent.Token(piece));
		}

		@Override
		public void end(StreamEnd ended) {
			this.end = ended;
		}

		@Override
		public void fail(RampartException failed) {
			this.failure = failed;
		}

		StepReply reply() {
			if (failure != null) {
				throw failure;
			}
			if (end == null) {
				throw new RampartException(ErrorCode.INTERNAL_ERROR, "The model stream ended without an end or a failure.");
			}
			return new StepReply(text.toString(), end.toolCalls() == null ? List.of() : end.toolCalls(), end.usage(),
					end.servedBy(), end.finishReason());
		}
	}
}
