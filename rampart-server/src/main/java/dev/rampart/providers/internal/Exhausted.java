package dev.rampart.providers.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.rampart.providers.ProviderException;
import dev.rampart.providers.internal.LangChainModelCalls.Target;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;

/**
 * What a caller gets when every model of a chain failed (docs/providers.md, "Fallback chains"): with one model, its
 * failure as it was; with several, {@code PROVIDER_UNAVAILABLE} naming each model's failure, its
 * {@code estimatedRecoveryTime} the soonest any of them is expected back (an open breaker's remaining wait, a
 * provider's {@code Retry-After}), unless no failure could pass by waiting (every model refused the request or the
 * key): then the primary's kind of failure, naming each.
 */
final class Exhausted {

	/** The estimate when no breaker is open and no provider said when to come back. */
	static final Duration UNKNOWN_RECOVERY = Duration.ofSeconds(5);

	private Exhausted() {
	}

	/** Whether a failure of one model lets the next model of the chain be tried. */
	static boolean fallsBack(RampartException failure) {
		return failure instanceof ProviderException || failure.code() == ErrorCode.PROVIDER_UNAVAILABLE;
	}

	static RampartException of(List<Target> targets, List<RampartException> failures, ProviderResilience resilience) {
		if (failures.size() == 1) {
			return failures.getFirst();
		}
		List<String> parts = new ArrayList<>();
		@Nullable Duration soonest = null;
		boolean retriable = false;
		for (int i = 0; i < failures.size(); i++) {
			Target target = targets.get(i);
			RampartException failure = failures.get(i);
			parts.add(target.provider().id() + "/" + target.model() + ": " + failure.technicalDetails());
			retriable |= failure.code().retryable();
			Duration wait = resilience.untilAvailable(target.provider(), target.model());
			if (wait.isZero() && failure.estimatedRecoveryTime() != null) {
				wait = failure.estimatedRecoveryTime();
			}
			if (!wait.isZero() && (soonest == null || wait.compareTo(soonest) < 0)) {
				soonest = wait;
			}
		}
		String details = "Every model of the chain failed. " + String.join(" ", parts);
		if (!retriable && failures.getFirst() instanceof ProviderException primary) {
			return new ProviderException(primary.kind(), details, null, primary);
		}
		return new RampartException(ErrorCode.PROVIDER_UNAVAILABLE, details, soonest == null ? UNKNOWN_RECOVERY : soonest,
				failures.getLast());
	}
}
