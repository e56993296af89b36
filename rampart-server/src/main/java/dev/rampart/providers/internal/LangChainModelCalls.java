package dev.rampart.providers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderException;
import dev.rampart.providers.ProviderException.Kind;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelInterceptor;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Calls models through the interceptor chain, trying a chain's models in order, each attempt behind
 * {@link ProviderResilience} (breaker, bulkhead, retries) on a key from {@link KeyPool}, with the client
 * {@link ModelClients} built for the provider's type. Streamed events are handed from the client's thread to the
 * caller's thread through a queue, so every interceptor sink runs on the caller's thread, one call at a time. A
 * stream that breaks after its first piece reached the sink is not retried, nor passed to the next model: it ends
 * with the failure.
 */
@Component
class LangChainModelCalls {

	/** A model of a provider, resolved. */
	record Target(Provider provider, String model, int position) {

		ServedBy servedBy() {
			return new ServedBy(provider.id(), model, position, false);
		}
	}

	private final InterceptorChain chain;
	private final ProviderResilience resilience;
	private final ModelClients clients;
	private final KeyPool keys;

	LangChainModelCalls(List<ModelInterceptor> interceptors, ProviderResilience resilience, ModelClients clients,
			KeyPool keys) {
		this.chain = new InterceptorChain(interceptors);
		this.resilience = resilience;
		this.clients = clients;
		this.keys = keys;
	}

	/** One provider and model, no fallback. */
	ModelReply call(Provider provider, ModelCallContext context, ModelRequest request) {
		return call(context, List.of(new Target(provider, context.model(), 0)), request);
	}

	/**
	 * A whole reply from the first target that answers. When every target failed: the only target's failure as it
	 * was, or {@link Exhausted} naming each.
	 */
	ModelReply call(ModelCallContext context, List<Target> targets, ModelRequest request) {
		ModelRequest sent = chain.before(context, request);
		List<RampartException> failures = new ArrayList<>();
		for (Target target : targets) {
			ChatRequest chatRequest = ChatRequests.of(target.model(), sent);
			try {
				ChatResponse response = resilience.call(target.provider(), target.model(), () -> {
					@Nullable UUID key = keys.next(target.provider());
					try {
						return clients.of(target.provider(), target.model(), key).chat().chat(chatRequest);
					}
					catch (RuntimeException ex) {
						throw failure(target.provider(), key, ex);
					}
				});
				String text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
						: response.aiMessage().text();
				return chain.after(context, new ModelReply(text, finishReason(response.finishReason()),
						usage(response.tokenUsage()), Map.of(), target.servedBy(),
						ChatRequests.toolCalls(response.aiMessage(), sent)));
			}
			catch (RampartException ex) {
				if (!Exhausted.fallsBack(ex)) {
					throw ex;
				}
				failures.add(ex);
			}
		}
		throw Exhausted.of(targets, failures, resilience);
	}

	/** One provider and model, no fallback. */
	void stream(Provider provider, ModelCallContext context, ModelRequest request, StreamSink sink) {
		stream(context, List.of(new Target(provider, context.model(), 0)), request, sink);
	}

	/** Streams from the first target that starts; see {@link dev.rampart.providers.LlmGateway#stream}. */
	void stream(ModelCallContext context, List<Target> targets, ModelRequest request, StreamSink sink) {
		ModelRequest sent = chain.before(context, request);
		StreamSink top = chain.wrap(context, sink);
		List<RampartException> failures = new ArrayList<>();
		for (Target target : targets) {
			ChatRequest chatRequest = ChatRequests.of(target.model(), sent);
			try {
				resilience.call(target.provider(), target.model(), () -> {
					@Nullable UUID key = keys.next(target.provider());
					return streamOnce(target, key, chatRequest, sent, top);
				});
				return;
			}
			catch (SinkFailed ex) {
				throw ex.getCause();
			}
			catch (RampartException ex) {
				if (ex instanceof ProviderException failure && failure.afterOutput() || !Exhausted.fallsBack(ex)) {
					top.fail(ex);
					return;
				}
				failures.add(ex);
			}
		}
		top.fail(Exhausted.of(targets, failures, resilience));
	}

	/** Maps a client failure once, and takes the key out of rotation when the provider refused it. */
	private ProviderException failure(Provider provider, @Nullable UUID key, Throwable ex) {
		RampartException mapped = ProviderFailures.of(provider, ex);
		if (!(mapped instanceof ProviderException failure)) {
			throw mapped;
		}
		if (key != null && failure.kind() == Kind.RATE_LIMITED && keys.rateLimited(provider, key, failure.retryAfter())) {
			return failure.withNextKey();
		}
		if (key != null && failure.kind() == Kind.AUTHENTICATION
				&& keys.rejected(provider, key, failure.technicalDetails())) {
			return failure.withNextKey();
		}
		return failure;
	}

	/** One attempt of a stream; returns when the sink got {@code end}, throws when it did not. */
	private Void streamOnce(Target target, @Nullable UUID key, ChatRequest chatRequest, ModelRequest sent, StreamSink top) {
		Provider provider = target.provider();
		ProvidersProperties.Resilience limits = provider.resilience();
		Events events = new Events();
		try {
			clients.of(provider, target.model(), key).streaming().chat(chatRequest, events);
		}
		catch (RuntimeException ex) {
			throw failure(provider, key, ex);
		}
		long start = System.nanoTime();
		long end = start + limits.totalTimeout().toNanos();
		long firstToken = start + limits.firstTokenTimeout().toNanos();
		boolean delivered = false;
		try {
			while (true) {
				long deadline = delivered ? end : Math.min(firstToken, end);
				Event event = events.queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				switch (event) {
					case null -> {
						events.cancel();
						ProviderException late = ProviderFailures.timedOut(provider, delivered ? "finish the stream" : "start the stream");
						throw delivered ? late.afterDelivered() : late;
					}
					case Delta delta -> {
						delivered = true;
						toSink(events, () -> top.delta(delta.text()));
					}
					case Done done when done.response().finishReason() == null -> {
						// the connection closed before the last chunk (with its finish reason): a cut reply, not an end
						ProviderException cut = ProviderFailures.truncated(provider);
						throw delivered ? cut.afterDelivered() : cut;
					}
					case Done done -> {
						ChatResponse response = done.response();
						toSink(events, () -> top.end(new StreamEnd(finishReason(response.finishReason()),
								usage(response.tokenUsage()), Map.of(), target.servedBy(),
								ChatRequests.toolCalls(response.aiMessage(), sent))));
						return null;
					}
					case Failed failed -> {
						ProviderException failure = delivered ? asProviderFailure(provider, failed.error()) : failure(provider, key,
								failed.error());
						throw delivered ? failure.afterDelivered() : failure;
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			events.cancel();
			throw new RampartException(ErrorCode.PROVIDER_CALL_FAILED, "The call was interrupted.");
		}
	}

	private static ProviderException asProviderFailure(Provider provider, Throwable error) {
		RampartException mapped = ProviderFailures.of(provider, error);
		if (mapped instanceof ProviderException failure) {
			return failure;
		}
		throw mapped;
	}

	/** Passes an event on; a sink that fails (the client went away) stops the model instead of letting it run on. */
	private static void toSink(Events events, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			events.cancel();
			throw new SinkFailed(ex);
		}
	}

	/** The caller's sink failed: never a provider failure, never retried, rethrown as it was. */
	private static final class SinkFailed extends RuntimeException {

		SinkFailed(RuntimeException cause) {
			super(cause);
		}

		@Override
		public synchronized RuntimeException getCause() {
			return (RuntimeException) super.getCause();
		}
	}

	private static @Nullable String finishReason(@Nullable FinishReason reason) {
		if (reason == null) {
			return null;
		}
		return reason == FinishReason.TOOL_EXECUTION ? "tool_calls" : reason.name().toLowerCase(Locale.ROOT);
	}

	private static Usage usage(@Nullable TokenUsage usage) {
		if (usage == null) {
			return Usage.UNKNOWN;
		}
		return new Usage(usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
				usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
	}

	private sealed interface Event {
	}

	private record Delta(String text) implements Event {
	}

	private record Done(ChatResponse response) implements Event {
	}

	private record Failed(Throwable error) implements Event {
	}

	/** Receives the client's callbacks on its own thread and queues them for the caller's thread. */
	private static final class Events implements StreamingChatResponseHandler {

		final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
		private volatile @Nullable StreamingHandle handle;
		private volatile boolean cancelled;

		@Override
		public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
			handle = context.streamingHandle();
			if (cancelled) {
				context.streamingHandle().cancel();
				return;
			}
			if (partial.text() != null && !partial.text().isEmpty()) {
				queue.add(new Delta(partial.text()));
			}
		}

		@Override
		public void onCompleteResponse(ChatResponse response) {
			queue.add(new Done(response));
		}

		@Override
		public void onError(Throwable error) {
			queue.add(new Failed(error));
		}

		void cancel() {
			cancelled = true;
			StreamingHandle current = handle;
			if (current != null) {
				current.cancel();
			}
		}
	}
}
