package dev.rampart.gateway.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.StreamMasker;

/**
 * Jazzer fuzz tests (docs/adr/0011). Without {@code JAZZER_FUZZ} they replay the seed inputs under
 * {@code src/test/resources/dev/rampart/gateway/masking/MaskFuzzTestInputs/} as ordinary JUnit tests; with
 * {@code JAZZER_FUZZ=1} they fuzz.
 */
class MaskFuzzTest {

	private final PatternMasker masker = new PatternMasker();

	/** Never throws, and a known secret placed between two arbitrary texts never survives. */
	@FuzzTest(maxDuration = "30s")
	void aKnownSecretNeverSurvives(FuzzedDataProvider data) {
		String secret = MaskSamples.SECRETS.get(data.consumeInt(0, MaskSamples.SECRETS.size() - 1));
		String before = data.consumeString(400);
		String after = data.consumeRemainingAsString();
		String text = before + " " + secret + " " + after;
		assertThat(masker.mask(text, MaskingPolicy.defaults())).doesNotContain(secret);
	}

	/** Streaming in arbitrary chunks under an arbitrary policy equals masking the whole text. */
	@FuzzTest(maxDuration = "30s")
	void streamingEqualsWholeText(FuzzedDataProvider data) {
		MaskingPolicy policy = MaskingPolicy.defaults();
		for (MaskingCategory category : MaskingCategory.values()) {
			policy = policy.with(category, data.pickValue(MaskAction.values()));
		}
		int[] cuts = data.consumeInts(16);
		String text = data.consumeRemainingAsString();
		StreamMasker stream = masker.stream(policy);
		StringBuilder out = new StringBuilder();
		int from = 0;
		for (int cut : cuts) {
			int to = Math.min(text.length(), from + Math.floorMod(cut, 64));
			out.append(stream.accept(text.substring(from, to)));
			from = to;
		}
		out.append(stream.accept(text.substring(from))).append(stream.finish());
		assertThat(out.toString()).isEqualTo(masker.mask(text, policy));
	}
}
