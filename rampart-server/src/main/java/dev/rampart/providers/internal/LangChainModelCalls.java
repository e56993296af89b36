package dev.rampart.providers.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.rampart.providers.ModelCalls;
import dev.rampart.providers.Provider;
import dev.rampart.providers.ProviderException;
import dev.rampart.providers.ProviderType;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelInterceptor;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Calls OpenAI-protocol providers with LangChain4j's OpenAI client through the interceptor chain, each attempt
 * behind {@link ProviderResilience} (breaker, bulkhead, retries). Streamed events are handed from the client's
 * thread to the caller's thread through a queue, so every interceptor sink runs on the caller's thread, one call
 * at a time. A stream that breaks after its first piece reached the sink is not retried: it ends with the failure.
 * Clients are built once per provider.
 */
@Component
class LangChainModelCalls implements ModelCalls {

	/** Providers registered today need no key (the built-in simulator); credentials join with #6. */
	private static final String NO_KEY = "none";

	private final InterceptorChain chain;
	private final ProviderResilience resilience;
	private final ProvidersProperties.Resilience limits;
	private final Map<String, OpenAiChatModel> blocking = new ConcurrentHashMap<>();
	private final Map<String, OpenAiStreamingChatModel> streaming = new ConcurrentHashMap<>();

	LangChainModelCalls(List<ModelInterceptor> interceptors, ProviderResilience resilience) {
		this.chain = new InterceptorChain(interceptors);
		this.resilience = resilience;
		this.limits = resilience.settings();
	}

	@Override
	public ModelReply call(Provider provider, ModelCallContext context, ModelRequest request) {
		OpenAiChatModel model = blocking.computeIfAbsent(openAi(provider).baseUrl().toString(),
				base -> OpenAiChatModel.builder()
					.baseUrl(base)
					.apiKey(NO_KEY)
					.maxRetries(0)
					.httpClientBuilder(new KeepingHeaders(limits))
					.build());
		ModelRequest sent = chain.before(context, request);
		ChatRequest chatRequest = chatRequest(context.model(), sent);
		ChatResponse response = resilience.call(provider, context.model(), () -> {
			try {
				return model.chat(chatRequest);
			}
			catch (RuntimeException ex) {
				throw ProviderFailures.of(provider, ex);
			}
		});
		String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
		return chain.after(context, new ModelReply(text, finishReason(response.finishReason()), usage(response.tokenUsage()),
				Map.of()));
	}

	@Override
	public void stream(Provider provider, ModelCallContext context, ModelRequest request, StreamSink sink) {
		OpenAiStreamingChatModel model = streaming.computeIfAbsent(openAi(provider).baseUrl().toString(),
				base -> OpenAiStreamingChatModel.builder()
					.baseUrl(base)
					.apiKey(NO_KEY)
					.httpClientBuilder(new KeepingHeaders(limits))
					.build());
		ModelRequest sent = chain.before(context, request);
		ChatRequest chatRequest = chatRequest(context.model(), sent);
		StreamSink top = chain.wrap(context, sink);
		try {
			resilience.call(provider, context.model(), () -> streamOnce(provider, model, chatRequest, top));
		}
		catch (SinkFailed ex) {
			throw ex.getCause();
		}
		catch (RampartException ex) {
			top.fail(ex);
		}
	}

	/** One attempt of a stream; returns when the sink got {@code end}, throws when it did not. */
	private Void streamOnce(Provider provider, OpenAiStreamingChatModel model, ChatRequest chatRequest, StreamSink top) {
		Events events = new Events();
		try {
			model.chat(chatRequest, events);
		}
		catch (RuntimeException ex) {
			throw ProviderFailures.of(provider, ex);
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
						toSink(events, () -> top.end(new StreamEnd(finishReason(done.response().finishReason()),
								usage(done.response().tokenUsage()), Map.of())));
						return null;
					}
					case Failed failed -> {
						RampartException failure = ProviderFailures.of(provider, failed.error());
						if (delivered && failure instanceof ProviderException providerFailure) {
							throw providerFailure.afterDelivered();
						}
						throw failure;
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

	/** Builds {@link HeaderKeepingHttpClient}s with the configured connect and total time limits. */
	private static final class KeepingHeaders implements HttpClientBuilder {

		private final Duration connectTimeout;
		private final Duration readTimeout;

		KeepingHeaders(ProvidersProperties.Resilience limits) {
			this.connectTimeout = limits.connectTimeout();
			this.readTimeout = limits.totalTimeout();
		}

		@Override
		public Duration connectTimeout() {
			return connectTimeout;
		}

		@Override
		public HttpClientBuilder connectTimeout(Duration timeout) {
			// LangChain4j passes its own default when none was set on the model: the configured limit wins
			return this;
		}

		@Override
		public Duration readTimeout() {
			return readTimeout;
		}

		@Override
		public HttpClientBuilder readTimeout(Duration timeout) {
			return this;
		}

		@Override
		public HttpClient build() {
			return new HeaderKeepingHttpClient(connectTimeout, readTimeout);
		}
	}

	private static Provider openAi(Provider provider) {
		if (provider.type() != ProviderType.SIM && provider.type() != ProviderType.OPENAI
				&& provider.type() != ProviderType.OPENAI_COMPATIBLE) {
			throw new RampartException(ErrorCode.PROVIDER_CALL_FAILED,
					"Provider '" + provider.id() + "' speaks " + provider.type().wireName() + ", which Rampart cannot call yet.");
		}
		return provider;
	}

	private static ChatRequest chatRequest(String model, ModelRequest request) {
		List<ChatMessage> messages = request.messages().stream().map(LangChainModelCalls::message).toList();
		return ChatRequest.builder()
			.modelName(model)
			.messages(messages)
			.maxOutputTokens(request.maxTokens())
			.temperature(request.temperature())
			.build();
	}

	private static ChatMessage message(ModelMessage message) {
		return switch (message.role()) {
			case SYSTEM -> SystemMessage.from(message.text());
			case USER -> UserMessage.from(message.text());
			case ASSISTANT -> AiMessage.from(message.text());
		};
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
