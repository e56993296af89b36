package dev.rampart.providers.internal.cache;

import java.util.Objects;
import java.util.regex.Pattern;

import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.shared.TenantId;

/**
 * Where a reply is cached: one tenant's cache never answers another's, and the same request to another provider or
 * model is another entry. Build it with {@link #of} from the request as it is sent to the model (after every
 * interceptor rewrote it), so equal requests meet and trivially different ones (line endings, trailing spaces, Unicode
 * composition) do too.
 *
 * @param requestHash the normalized request hash: 64 lowercase hex digits of SHA-256 (see {@link RequestHash})
 */
public record CacheKey(TenantId tenant, String provider, String model, String requestHash) {

	private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	public CacheKey {
		Objects.requireNonNull(tenant, "tenant");
		if (provider.isBlank() || model.isBlank()) {
			throw new IllegalArgumentException("provider and model must not be blank");
		}
		if (!HASH.matcher(requestHash).matches()) {
			throw new IllegalArgumentException("requestHash must be 64 lowercase hex digits");
		}
	}

	public static CacheKey of(TenantId tenant, String provider, String model, ModelRequest request) {
		return new CacheKey(tenant, provider, model, RequestHash.of(request));
	}
}
