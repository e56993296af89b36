package dev.rampart.gateway.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.Masked;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import org.junit.jupiter.api.Test;

/** The counting variant used on every string of a JSON answer agrees with {@code maskWithReport}. */
class MaskCountingTest {

	private final PatternMasker masker = new PatternMasker();

	@Test
	void itMasksAndCountsLikeMaskWithReportUnderEveryPolicy() {
		List<String> texts = new ArrayList<>(MaskSamples.SECRETS);
		texts.addAll(MaskSamples.PERSONAL);
		texts.addAll(MaskSamples.NEAR_MISSES);
		Random random = new Random(7);
		for (int i = 0; i < 50; i++) {
			texts.add(MaskSamples.mixed(random, 300));
		}
		for (MaskingPolicy policy : List.of(MaskingPolicy.defaults(), MaskingPolicy.defaults().with(MaskingCategory.API_KEY,
				MaskAction.ALLOW), MaskingPolicy.defaults().with(MaskingCategory.EMAIL, MaskAction.MASK))) {
			for (String text : texts) {
				int[] counts = new int[MaskingCategory.values().length];
				Masked expected = masker.maskWithReport(text, policy);

				assertThat(masker.mask(text, policy, counts)).isEqualTo(expected.text());
				for (MaskingCategory category : MaskingCategory.values()) {
					assertThat(counts[category.ordinal()]).as("%s in %s", category, text).isEqualTo(expected.report().count(category));
				}
			}
		}
	}

	@Test
	void aTextWithNothingToMaskComesBackAsTheSameInstance() {
		String text = "123e4567-e89b-12d3-a456-426614174000 released on 2024-01-15";

		assertThat(masker.mask(text, MaskingPolicy.defaults(), new int[MaskingCategory.values().length])).isSameAs(text);
	}
}
