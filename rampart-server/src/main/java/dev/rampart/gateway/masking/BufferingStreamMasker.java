package dev.rampart.gateway.masking;

import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.MaskingReport;
import dev.rampart.gateway.StreamMasker;

/**
 * Keeps the text not yet emitted (plus two characters of context for the word-boundary checks) and scans
 * it again with each chunk; the scanner says how much of it is final.
 */
final class BufferingStreamMasker implements StreamMasker {

	private static final int CONTEXT = 2;

	private final MaskingPolicy policy;
	private final int[] counts = new int[MaskingCategory.values().length];
	private String pending = "";
	private int context;
	private boolean finished;

	BufferingStreamMasker(MaskingPolicy policy) {
		this.policy = policy;
	}

	@Override
	public String accept(String chunk) {
		if (finished) {
			throw new IllegalStateException("the stream is finished");
		}
		if (chunk.isEmpty()) {
			return "";
		}
		String text = pending.concat(chunk);
		StringBuilder out = new StringBuilder(text.length());
		int safe = MaskScanner.scan(text, context, false, policy, out, counts);
		int keep = Math.max(0, safe - CONTEXT);
		pending = text.substring(keep);
		context = safe - keep;
		return out.toString();
	}

	@Override
	public String finish() {
		if (finished) {
			return "";
		}
		finished = true;
		StringBuilder out = new StringBuilder(pending.length());
		MaskScanner.scan(pending, context, true, policy, out, counts);
		pending = "";
		return out.toString();
	}

	/** Characters received but not yet emitted. */
	int held() {
		return pending.length() - context;
	}

	@Override
	public MaskingReport report() {
		return MaskingReport.of(counts);
	}
}
