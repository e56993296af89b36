package dev.rampart.gateway;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a browser page from an {@code Origin} may open a connection that CORS does not
 * protect, such as a WebSocket handshake: Rampart's own origin and the configured allowlist may,
 * every other origin (and the opaque origin {@code null}) may not. A request without an
 * {@code Origin} does not come from a page and is allowed; it must authenticate like any other.
 * It does not check the token, only where the page came from.
 */
public final class OriginPolicy {

	private final Set<String> allowed;

	public OriginPolicy(List<String> allowedOrigins) {
		this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
	}

	/** The policy of {@code rampart.gateway.websocket.allowed-origins}. */
	public static OriginPolicy forWebsockets(GatewayProperties properties) {
		return new OriginPolicy(properties.websocket().allowedOrigins());
	}

	/**
	 * @param origin the request's {@code Origin} header, or null when it has none
	 * @param self Rampart's own origin as the request addressed it (scheme://host[:port])
	 */
	public boolean allows(@Nullable String origin, String self) {
		if (origin == null) {
			return true;
		}
		String normalized = normalize(origin);
		return !normalized.isEmpty() && (normalized.equals(normalize(self)) || allowed.contains(normalized));
	}

	/** scheme://host[:port] in lower case without a default port, or "" when it is not such an origin. */
	public static String normalize(String origin) {
		try {
			URI uri = new URI(origin.strip());
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
					|| !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
					|| uri.getRawFragment() != null) {
				return "";
			}
			int port = uri.getPort();
			boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
			return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
		}
		catch (java.net.URISyntaxException invalid) {
			return "";
		}
	}
}
