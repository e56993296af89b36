package dev.rampart.gateway;

import java.util.List;

/**
 * What {@link PromptScreener#screen} concluded about one text. It carries no part of the text, so it
 * may be logged, stored and put in metrics.
 *
 * @param source where the text came from
 * @param score 0 (looks like data) to 1 (looks like an instruction aimed at the model)
 * @param injection whether {@code score} reached the configured threshold
 * @param reasons what contributed, most important first: {@code heuristic:<rule>} for a pattern that
 *        matched, {@code obfuscation:<kind>} for a disguise that normalization undid,
 *        {@code decoded:<encoding>} when an encoded run decoded to text that was screened too,
 *        {@code similar:<kind>} for the kinds of the nearest injection exemplars, {@code disabled} when
 *        screening is switched off
 */
public record ScreeningVerdict(UntrustedSource source, double score, boolean injection, List<String> reasons) {

	public ScreeningVerdict {
		if (!(score >= 0 && score <= 1)) {
			throw new IllegalArgumentException("score must be within 0..1, was " + score);
		}
		reasons = List.copyOf(reasons);
	}

	/** The verdict of a screener that is switched off: nothing is ever an injection. */
	public static ScreeningVerdict disabled(UntrustedSource source) {
		return new ScreeningVerdict(source, 0, false, List.of("disabled"));
	}
}
