package dev.rampart.identity;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of walking a tenant's audit chain: {@code checked} entries were read, and when the
 * chain is not intact {@code firstBrokenSeq} is the first seq whose entry is missing, altered, or
 * does not link to the one before it. Entries removed from the end are caught only while the chain
 * head row is untouched (see docs/audit.md).
 */
public record ChainVerification(boolean intact, long checked, @Nullable Long firstBrokenSeq, @Nullable String problem) {

	public static ChainVerification intact(long checked) {
		return new ChainVerification(true, checked, null, null);
	}

	public static ChainVerification broken(long checked, long seq, String problem) {
		return new ChainVerification(false, checked, seq, problem);
	}
}
