package dev.rampart.gateway.internal;

import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counter {@code rampart.gateway.masked}: spans masked, tagged {@code category} (its label, e.g.
 * {@code api-key}) and {@code surface} (where: {@code api-response}, {@code model-reply}, {@code model-stream},
 * {@code model-prompt}). Never the values.
 */
@Component
class MaskingMeters {

	enum Surface {
		API_RESPONSE("api-response"), MODEL_REPLY("model-reply"), MODEL_STREAM("model-stream"), MODEL_PROMPT("model-prompt");

		final String tag;

		Surface(String tag) {
			this.tag = tag;
		}
	}

	private final Counter[][] counters = new Counter[Surface.values().length][MaskingCategory.values().length];

	MaskingMeters(MeterRegistry meters) {
		for (Surface surface : Surface.values()) {
			for (MaskingCategory category : MaskingCategory.values()) {
				counters[surface.ordinal()][category.ordinal()] = Counter.builder("rampart.gateway.masked")
					.description("Spans of secrets and personal data masked")
					.tag("surface", surface.tag)
					.tag("category", category.label())
					.register(meters);
			}
		}
	}

	void count(Surface surface, MaskingReport report) {
		report.counts().forEach((category, count) -> counters[surface.ordinal()][category.ordinal()].increment(count));
	}

	void count(Surface surface, int[] countsByOrdinal) {
		for (int i = 0; i < countsByOrdinal.length; i++) {
			if (countsByOrdinal[i] > 0) {
				counters[surface.ordinal()][i].increment(countsByOrdinal[i]);
			}
		}
	}
}
