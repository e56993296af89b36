package dev.rampart.providers;

import java.time.Duration;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;

/**
 * A model call that failed on the provider's side, classified once (by the adapter's failure mapping) so that
 * retries, circuit breakers and the client's problem all follow the same {@link Kind}.
 */
public class ProviderException extends RampartException {

	/** What went wrong; {@link #retriable()} kinds may succeed when sent again, the others never will. */
	public enum Kind {

		/** HTTP 429; may carry the provider's {@code Retry-After}. */
		RATE_LIMITED(true, false, ErrorCode.PROVIDER_UNAVAILABLE),
		/** HTTP 5xx. */
		SERVER_ERROR(true, true, ErrorCode.PROVIDER_CALL_FAILED),
		/** No answer (or no first token, or no end) within the configured time limit. */
		TIMEOUT(true, true, ErrorCode.PROVIDER_CALL_FAILED),
		/** Unreachable, connection refused or reset, broken or unreadable reply. */
		CONNECTION(true, true, ErrorCode.PROVIDER_CALL_FAILED),
		/** HTTP 401 or 403. */
		AUTHENTICATION(false, false, ErrorCode.PROVIDER_AUTH_FAILED),
		/** HTTP 400, 404 (other than an unknown model), 422. */
		INVALID_REQUEST(false, false, ErrorCode.PROVIDER_REJECTED_REQUEST),
		/** The provider does not know the model. */
		MODEL_NOT_FOUND(false, false, ErrorCode.PROVIDER_REJECTED_REQUEST),
		/** The provider's content filter refused the prompt or the reply. */
		CONTENT_FILTERED(false, false, ErrorCode.PROVIDER_REJECTED_REQUEST);

		private final boolean retriable;
		private final boolean providerSide;
		private final ErrorCode code;

		Kind(boolean retriable, boolean providerSide, ErrorCode code) {
			this.retriable = retriable;
			this.providerSide = providerSide;
			this.code = code;
		}

		/** Whether sending the same request again may succeed. */
		public boolean retriable() {
			return retriable;
		}

		/** Whether it says the provider is unhealthy, so it counts towards opening the circuit breaker. */
		public boolean providerSide() {
			return providerSide;
		}

		public ErrorCode code() {
			return code;
		}
	}

	private final Kind kind;
	private final @Nullable Duration retryAfter;
	private final boolean afterOutput;
	private final boolean nextKey;

	public ProviderException(Kind kind, String technicalDetails, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		this(kind, technicalDetails, retryAfter, false, false, cause);
	}

	private ProviderException(Kind kind, String technicalDetails, @Nullable Duration retryAfter, boolean afterOutput,
			boolean nextKey, @Nullable Throwable cause) {
		super(kind.code(), technicalDetails, retryAfter, cause);
		this.kind = kind;
		this.retryAfter = retryAfter;
		this.afterOutput = afterOutput;
		this.nextKey = nextKey;
	}

	public Kind kind() {
		return kind;
	}

	/** The provider's {@code Retry-After}, when it sent one. */
	public @Nullable Duration retryAfter() {
		return retryAfter;
	}

	/**
	 * Whether the failure came after part of a streamed reply reached the caller: such a call is never retried
	 * (the client would get the first tokens twice).
	 */
	public boolean afterOutput() {
		return afterOutput;
	}

	/**
	 * Whether the key the attempt used was taken out of rotation (rate-limited or rejected) while another key of the
	 * provider is ready: the call is sent again at once, on that key, without counting as a retry.
	 */
	public boolean nextKey() {
		return nextKey && !afterOutput;
	}

	/** Whether a retry may be attempted: a retriable kind or another key, and no output delivered yet. */
	public boolean mayRetry() {
		return (kind.retriable() || nextKey) && !afterOutput;
	}

	/** The same failure, marked as coming after output was delivered. */
	public ProviderException afterDelivered() {
		return afterOutput ? this : new ProviderException(kind, technicalDetails(), retryAfter, true, nextKey, getCause());
	}

	/** The same failure, marked as leaving another key of the provider to try at once. */
	public ProviderException withNextKey() {
		return nextKey ? this : new ProviderException(kind, technicalDetails(), retryAfter, afterOutput, true, getCause());
	}
}
