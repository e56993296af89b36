package dev.rampart.gateway;

/**
 * Masks a text that arrives in chunks. Each {@link #accept} returns what is safe to emit now and holds back
 * only a tail that could still be the start of a recognised span: at most {@link #MAX_HELD_CHARS}
 * characters (a PEM private key block is the longest pattern). The caller must call {@link #finish} at the
 * end of the stream and emit its result. Not thread-safe: one instance per stream.
 */
public interface StreamMasker {

	/** 16 KiB for a PEM block (longer blocks are masked up to this bound) plus 64 for an e-mail's local part. */
	int MAX_HELD_CHARS = 16_384 + 64;

	String accept(String chunk);

	String finish();

	/** What was masked so far. */
	MaskingReport report();
}
