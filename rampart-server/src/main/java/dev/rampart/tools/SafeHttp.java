package dev.rampart.tools;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The one way a tool makes an outbound HTTP call (docs/tools-egress.md): a tool's URL comes from a model or a tenant,
 * so without this check it could reach the node's loopback services, the private network or a cloud metadata
 * endpoint. The host is resolved once, every address is checked, and the connection goes to the checked address (no
 * second lookup a DNS-rebinding server could answer differently); each redirect is checked the same way.
 * <p>
 * Failures are {@link dev.rampart.shared.RampartException}s: {@code EGRESS_REFUSED} (the target is not allowed;
 * nothing was sent), {@code EGRESS_LIMIT_EXCEEDED} (too large a response or too many redirects) and
 * {@code EGRESS_UNAVAILABLE} (could not connect, timed out, not HTTP). It does not judge what the response says:
 * that is untrusted text for the caller to screen.
 */
public interface SafeHttp {

	Response send(TenantId tenant, Request request, EgressPolicy policy);

	/**
	 * An HTTP/1.1 request. {@code Host}, {@code Content-Length}, {@code Transfer-Encoding} and {@code Connection} are
	 * set by {@link SafeHttp} and may not be given; header names and values may not contain line breaks.
	 *
	 * @param method an HTTP method token such as {@code GET} or {@code POST}
	 * @param uri an absolute http or https URL, without user information
	 * @param headers extra request headers
	 * @param body the request body, or null for none
	 */
	record Request(String method, URI uri, Map<String, String> headers, byte @Nullable [] body) {

		public Request {
			method = method.toUpperCase(Locale.ROOT);
			headers = Map.copyOf(headers);
		}

		public static Request get(URI uri) {
			return new Request("GET", uri, Map.of(), null);
		}

		public static Request post(URI uri, String contentType, byte[] body) {
			return new Request("POST", uri, Map.of("Content-Type", contentType), body);
		}
	}

	/**
	 * What came back, after redirects were followed.
	 *
	 * @param status the HTTP status code
	 * @param headers the response headers, names in lower case
	 * @param body the body, at most {@link EgressPolicy#maxResponseBytes()} long
	 * @param uri the URL that answered (the last redirect's target)
	 */
	record Response(int status, Map<String, List<String>> headers, byte[] body, URI uri) {

		public Optional<String> header(String name) {
			List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
			return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
		}

		/** The body as UTF-8 text (malformed bytes replaced). */
		public String bodyText() {
			return new String(body, StandardCharsets.UTF_8);
		}
	}
}
