package dev.rampart.gateway.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.rampart.gateway.ScreeningProperties;
import dev.rampart.gateway.ScreeningVerdict;
import dev.rampart.gateway.UntrustedSource;
import dev.rampart.shared.embeddings.LocalEmbeddings;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall on the held-out split of the exemplar set, which the classifier never sees
 * (docs/prompt-screening.md). Prints the table that docs/BENCHMARKS.md quotes; reproduce with
 * {@code mvn -B -q -ntp -o -pl rampart-server verify -Dtest=ScreeningEvaluationTest -Dit.test=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlicense.skip} (the table is in the surefire output file).
 */
class ScreeningEvaluationTest {

	@Test
	void heldOutPrecisionAndRecallStayAboveTheirFloors() {
		DefaultPromptScreener screener = DefaultPromptScreener.standalone(ScreeningProperties.defaults(),
				new LocalEmbeddings(Path.of("target/native-cache")));
		List<Exemplar> heldOut = Exemplar.heldOutSet();
		Confusion overall = new Confusion();
		Confusion fresh = new Confusion();
		Map<String, Confusion> byKind = new TreeMap<>();
		StringBuilder misses = new StringBuilder();
		for (Exemplar exemplar : heldOut) {
			ScreeningVerdict verdict = screener.screen(exemplar.text(), UntrustedSource.TOOL_OUTPUT);
			overall.add(exemplar.injection(), verdict.injection());
			if (exemplar.batch() == 2) {
				fresh.add(exemplar.injection(), verdict.injection());
			}
			byKind.computeIfAbsent(exemplar.kind(), kind -> new Confusion()).add(exemplar.injection(), verdict.injection());
			if (exemplar.injection() != verdict.injection()) {
				misses.append(String.format(java.util.Locale.ROOT, "%s %s %.2f %s%n", exemplar.injection() ? "missed" : "false alarm",
						exemplar.kind(), verdict.score(), verdict.reasons()));
			}
		}
		System.out.println("Held-out split: " + heldOut.size() + " texts, threshold " + ScreeningProperties.DEFAULT_THRESHOLD);
		System.out.println(Confusion.header());
		System.out.println(overall.row("all"));
		byKind.forEach((kind, confusion) -> System.out.println(confusion.row(kind)));
		System.out.println(fresh.row("batch 2 only"));
		System.out.print(misses);

		assertThat(heldOut).hasSizeGreaterThan(100);
		assertThat(overall.precision()).as("precision").isGreaterThanOrEqualTo(0.9);
		assertThat(overall.recall()).as("recall").isGreaterThanOrEqualTo(0.85);
	}
}
