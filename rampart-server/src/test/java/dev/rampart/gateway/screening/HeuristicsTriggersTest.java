package dev.rampart.gateway.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The triggers in front of the heuristic rules only skip work: on every exemplar (and what it decodes to), and on
 * every exemplar cut at random points and glued to another, the rules match exactly as without them.
 */
class HeuristicsTriggersTest {

	private final Heuristics heuristics = new Heuristics();
	private final ScreeningNormalizer normalizer = new ScreeningNormalizer();

	@Test
	void triggersChangeNoMatch() {
		List<String> texts = new ArrayList<>();
		List<Exemplar> all = Exemplar.all();
		all.forEach(exemplar -> texts.add(exemplar.text()));
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 2_000; i++) {
			String a = all.get(random.nextInt(all.size())).text();
			String b = all.get(random.nextInt(all.size())).text();
			texts.add(a.substring(random.nextInt(a.length() + 1)) + " " + b.substring(0, random.nextInt(b.length() + 1)));
		}
		int matched = 0;
		for (String text : texts) {
			Normalized normalized = normalizer.normalize(text);
			assertThat(heuristics.match(normalized)).as(text).containsExactlyInAnyOrderEntriesOf(
					heuristics.matchWithoutTriggers(normalized));
			for (Normalized.Decoded decoded : normalized.decoded()) {
				assertThat(heuristics.match(decoded.content())).as(text).containsExactlyInAnyOrderEntriesOf(
						heuristics.matchWithoutTriggers(decoded.content()));
			}
			matched += heuristics.match(normalized).isEmpty() ? 0 : 1;
		}
		assertThat(matched).as("texts some rule matched: the comparison is not vacuous").isGreaterThan(200);
	}

	@Test
	void mostRulesHaveTriggers() {
		assertThat(heuristics.rulesWithTriggers()).isGreaterThanOrEqualTo(30);
	}

	@Test
	void triggersAreReadOnlyFromAPlainStart() {
		assertThat(Triggers.of("\\b(?:ignore|disregard|never mind)\\b (?:x|y)")).containsExactly("ignore", "disregard", "never mind");
		assertThat(Triggers.of("\\bwhatever you were (?:told|asked)\\b")).containsExactly("whatever you were ");
		assertThat(Triggers.of("\\binstructions? above")).containsExactly("instruction");
		assertThat(Triggers.of("\\byou are now\\b|\\bfrom now on\\b")).containsExactly("you are now", "from now on");
		assertThat(Triggers.of("\\byou are now\\b|(?m)^system")).isEmpty();
		assertThat(Triggers.of("\\b(?:e-?mail|send)\\b")).isEmpty();
		assertThat(Triggers.of("(?m)^\\s*system")).isEmpty();
		assertThat(Triggers.of("\\b(?:ignore|forget)?\\b the")).isEmpty();
	}
}
