package dev.rampart.gateway;

/**
 * Masks secrets and personal data in text according to a {@link MaskingPolicy}. Thread-safe. It recognises
 * the shapes listed in {@link MaskingCategory} and nothing else: secrets without a known prefix or shape,
 * names, postal addresses and free-form personal data pass through (docs/masking.md).
 */
public interface Masker {

	/** The text with every recognised span replaced according to the policy. */
	default String mask(String text, MaskingPolicy policy) {
		return maskWithReport(text, policy).text();
	}

	Masked maskWithReport(String text, MaskingPolicy policy);

	/**
	 * For hot paths that mask many short texts (every string of a JSON answer): adds the masked spans to
	 * {@code countsByOrdinal} (indexed by {@link MaskingCategory#ordinal()}) and returns {@code text} itself
	 * when nothing was masked, so the common case builds no report.
	 */
	default String mask(String text, MaskingPolicy policy, int[] countsByOrdinal) {
		Masked masked = maskWithReport(text, policy);
		masked.report().counts().forEach((category, count) -> countsByOrdinal[category.ordinal()] += count);
		return masked.report().counts().isEmpty() ? text : masked.text();
	}

	/** A masker for one stream (SSE, LLM tokens); its concatenated output equals {@link #mask} of the whole text. */
	StreamMasker stream(MaskingPolicy policy);
}
