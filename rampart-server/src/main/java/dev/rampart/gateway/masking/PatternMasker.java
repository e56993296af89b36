package dev.rampart.gateway.masking;

import dev.rampart.gateway.Masked;
import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.MaskingReport;
import dev.rampart.gateway.StreamMasker;

/** The masker: one {@link MaskScanner} pass per text; stateless, so one instance serves every thread. */
final class PatternMasker implements Masker {

	@Override
	public Masked maskWithReport(String text, MaskingPolicy policy) {
		int[] counts = new int[MaskingCategory.values().length];
		StringBuilder out = new StringBuilder(text.length() + 16);
		MaskScanner.scan(text, 0, true, policy, out, counts);
		return new Masked(out.toString(), MaskingReport.of(counts));
	}

	@Override
	public String mask(String text, MaskingPolicy policy, int[] countsByOrdinal) {
		int before = total(countsByOrdinal);
		StringBuilder out = new StringBuilder(text.length() + 16);
		MaskScanner.scan(text, 0, true, policy, out, countsByOrdinal);
		return total(countsByOrdinal) == before ? text : out.toString();
	}

	private static int total(int[] counts) {
		int total = 0;
		for (int count : counts) {
			total += count;
		}
		return total;
	}

	@Override
	public StreamMasker stream(MaskingPolicy policy) {
		return new BufferingStreamMasker(policy);
	}
}
