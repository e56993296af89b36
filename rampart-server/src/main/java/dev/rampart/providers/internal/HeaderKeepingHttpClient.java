package dev.rampart.providers.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j's HTTP client for whole (non-streamed) calls, sending with the JDK client itself so that an error
 * answer keeps its {@code Retry-After} ({@link RetryAfterHttpException}). Streams go to LangChain4j's own client (its JDK one).
 */
final class HeaderKeepingHttpClient implements HttpClient {

	/** Headers the JDK client sets itself and refuses from callers. */
	private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

	private final java.net.http.HttpClient http;
	private final Duration readTimeout;
	private final HttpClient streams;

	HeaderKeepingHttpClient(Duration connectTimeout, Duration readTimeout) {
		this.http = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout).build();
		this.readTimeout = readTimeout;
		this.streams = HttpClientBuilderLoader.loadHttpClientBuilder().connectTimeout(connectTimeout).readTimeout(readTimeout).build();
	}

	@Override
	public SuccessfulHttpResponse execute(HttpRequest request) {
		java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
			.timeout(readTimeout);
		request.headers().forEach((name, values) -> {
			if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				values.forEach(value -> builder.header(name, value));
			}
		});
		builder.method(request.method().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
				: java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
		HttpResponse<String> response;
		try {
			response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the provider", ex);
		}
		if (response.statusCode() >= 400) {
			throw new RetryAfterHttpException(response.statusCode(), response.body(),
					retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
		}
		return SuccessfulHttpResponse.builder()
			.statusCode(response.statusCode())
			.headers(response.headers().map())
			.body(response.body())
			.build();
	}

	@Override
	public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
		streams.execute(request, parser, listener);
	}

	/** {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
	static @Nullable Duration retryAfter(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			long seconds = Long.parseLong(text);
			return seconds < 0 ? null : Duration.ofSeconds(seconds);
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
			}
			catch (DateTimeException notDate) {
				return null;
			}
		}
	}
}
