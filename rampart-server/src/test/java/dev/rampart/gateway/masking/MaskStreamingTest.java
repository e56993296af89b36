package dev.rampart.gateway.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.StreamMasker;
import org.junit.jupiter.api.Test;

class MaskStreamingTest {

	private final PatternMasker masker = new PatternMasker();

	@Test
	void aKeySplitOverSeveralChunksIsStillMasked() {
		StreamMasker stream = masker.stream(MaskingPolicy.defaults());
		String out = stream.accept("your key is sk-proj-Ab3d") + stream.accept("Ef6hIj9kLm2n") + stream.accept("Op5qRs8tUv1wXyZ0")
				+ stream.accept(" thanks") + stream.finish();
		assertThat(out).isEqualTo("your key is [redacted:api-key] thanks");
		assertThat(stream.report().count(MaskingCategory.API_KEY)).isEqualTo(1);
	}

	@Test
	void ordinaryTextIsReleasedAtOnce() {
		StreamMasker stream = masker.stream(MaskingPolicy.defaults());
		assertThat(stream.accept("Hello, how are you? ")).isEqualTo("Hello, how are you? ");
	}

	@Test
	void streamingEqualsMaskingTheWholeTextForRandomChunkings() {
		Random random = new Random(20261124);
		for (int round = 0; round < 400; round++) {
			String text = MaskSamples.mixed(random, 50 + random.nextInt(2000));
			MaskingPolicy policy = randomPolicy(random);
			String whole = masker.mask(text, policy);
			assertThat(streamed(text, policy, random, 1 + random.nextInt(round % 3 == 0 ? 3 : 40)))
					.as("round %d, text %s", round, text).isEqualTo(whole);
		}
	}

	@Test
	void streamingEqualsMaskingOneCharacterAtATime() {
		Random random = new Random(7);
		for (int round = 0; round < 50; round++) {
			String text = MaskSamples.mixed(random, 600);
			assertThat(streamed(text, MaskingPolicy.defaults(), random, 1)).isEqualTo(masker.mask(text, MaskingPolicy.defaults()));
		}
	}

	@Test
	void streamingEqualsMaskingTheWholeTextForGluedFragments() {
		Random random = new Random(99);
		String alphabet = "aeksrAK0123456789 -.@+()_:=\"\n";
		for (int round = 0; round < 2000; round++) {
			StringBuilder text = new StringBuilder();
			for (int piece = random.nextInt(12); piece >= 0; piece--) {
				int pick = random.nextInt(4);
				if (pick == 0) {
					text.append(MaskSamples.SECRETS.get(random.nextInt(MaskSamples.SECRETS.size())));
				}
				else if (pick == 1) {
					text.append(MaskSamples.PERSONAL.get(random.nextInt(MaskSamples.PERSONAL.size())));
				}
				else if (pick == 2) {
					text.append(MaskSamples.NEAR_MISSES.get(random.nextInt(MaskSamples.NEAR_MISSES.size())));
				}
				else {
					for (int c = random.nextInt(6); c >= 0; c--) {
						text.append(alphabet.charAt(random.nextInt(alphabet.length())));
					}
				}
			}
			MaskingPolicy policy = randomPolicy(random);
			String whole = masker.mask(text.toString(), policy);
			assertThat(streamed(text.toString(), policy, random, 1 + random.nextInt(8))).as("text %s", text)
					.isEqualTo(whole);
		}
	}

	@Test
	void theHeldTailStaysWithinTheDocumentedBound() {
		BufferingStreamMasker stream = (BufferingStreamMasker) masker.stream(MaskingPolicy.defaults());
		StringBuilder out = new StringBuilder();
		out.append(stream.accept("-----BEGIN PRIVATE KEY-----\n"));
		for (int i = 0; i < 3000; i++) {
			out.append(stream.accept("QUJDREVGR0hJSktMTU5PUFFSU1RVVldY\n"));
			assertThat(stream.held()).isLessThanOrEqualTo(StreamMasker.MAX_HELD_CHARS);
		}
		out.append(stream.finish());
		assertThat(out.toString()).startsWith("[redacted:private-key]").doesNotContain("BEGIN");
	}

	private String streamed(String text, MaskingPolicy policy, Random random, int maxChunk) {
		StreamMasker stream = masker.stream(policy);
		StringBuilder out = new StringBuilder();
		int i = 0;
		while (i < text.length()) {
			int next = Math.min(text.length(), i + 1 + random.nextInt(maxChunk));
			out.append(stream.accept(text.substring(i, next)));
			i = next;
		}
		return out.append(stream.finish()).toString();
	}

	static MaskingPolicy randomPolicy(Random random) {
		MaskingPolicy policy = MaskingPolicy.defaults();
		for (MaskingCategory category : MaskingCategory.values()) {
			policy = policy.with(category, MaskAction.values()[random.nextInt(3)]);
		}
		return policy;
	}
}
