package dev.rampart.gateway.screening;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.gateway.PromptScreener;
import dev.rampart.gateway.ScreeningProperties;
import dev.rampart.gateway.ScreeningVerdict;
import dev.rampart.gateway.UntrustedSource;
import dev.rampart.providers.spi.ScreeningAction;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.embeddings.LocalEmbeddings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalization, then weighted heuristics and the embedding classifier, combined as independent
 * evidence: {@code score = 1 - (1 - heuristics)(1 - classifier)}. Disguises found by normalization
 * add weight only when a pattern or the classifier already points at an injection, since harmless
 * text has look-alikes and encoded runs too. Logs and metrics never contain the text.
 */
final class DefaultPromptScreener implements PromptScreener {

	private static final Logger log = LoggerFactory.getLogger(DefaultPromptScreener.class);
	private static final Map<String, Double> OBFUSCATION_WEIGHTS = Map.of("invisible-characters", 0.2, "mixed-script", 0.2,
			"leetspeak", 0.15, "spaced-letters", 0.15);
	/** Classifier score from which the nearest injection kinds are worth naming in the reasons. */
	private static final double NAMES_KINDS = 0.3;
	/** Characters of judged text whose verdicts are kept (about 16 MB). */
	static final long VERDICT_CACHE_CHARS = 8_000_000;
	/** How long a verdict is reused. */
	static final Duration VERDICT_CACHE_TTL = Duration.ofMinutes(10);

	private final ScreeningProperties properties;
	private final ScreeningNormalizer normalizer = new ScreeningNormalizer();
	private final Heuristics heuristics = new Heuristics();
	private final LocalEmbeddings embeddings;
	private final Supplier<List<Exemplar>> exemplars;
	private final MeterRegistry meters;
	private volatile @Nullable EmbeddingClassifier classifier;
	private volatile boolean classifierFailed;
	/**
	 * Verdicts of texts already judged. A conversation sends the same untrusted text again with every model call (each
	 * round of a tool loop, each turn of a thread), and the verdict depends only on the text and the node's settings,
	 * so it is judged once. Verdicts given while the classifier was unavailable are not kept.
	 */
	private final Cache<Judged, ScreeningVerdict> verdicts = Caffeine.newBuilder()
		.maximumWeight(VERDICT_CACHE_CHARS)
		.weigher((Judged judged, ScreeningVerdict verdict) -> judged.text().length() + 64)
		.expireAfterWrite(VERDICT_CACHE_TTL)
		.build();

	private record Judged(UntrustedSource source, String text) {
	}

	DefaultPromptScreener(ScreeningProperties properties, LocalEmbeddings embeddings, MeterRegistry meters) {
		this(properties, embeddings, Exemplar::train, meters);
	}

	DefaultPromptScreener(ScreeningProperties properties, LocalEmbeddings embeddings, Supplier<List<Exemplar>> exemplars,
			MeterRegistry meters) {
		this.properties = properties;
		this.embeddings = embeddings;
		this.exemplars = exemplars;
		this.meters = meters;
	}

	/** A screener outside Spring (tests, benchmarks) with metrics kept in memory. */
	static DefaultPromptScreener standalone(ScreeningProperties properties, LocalEmbeddings embeddings) {
		return new DefaultPromptScreener(properties, embeddings, new SimpleMeterRegistry());
	}

	/** Loads the model and embeds the exemplars now rather than on the first screening. */
	void warmUp() {
		classifier();
	}

	@Override
	public ScreeningVerdict screen(String text, UntrustedSource source) {
		if (!properties.enabled()) {
			return ScreeningVerdict.disabled(source);
		}
		Timer.Sample sample = Timer.start(meters);
		Judged key = new Judged(source, text);
		ScreeningVerdict known = verdicts.getIfPresent(key);
		ScreeningVerdict verdict = known != null ? known
				: text.isBlank() ? new ScreeningVerdict(source, 0, false, List.of()) : judge(text, source);
		if (known == null && !classifierFailed && !text.isBlank()) {
			verdicts.put(key, verdict);
		}
		sample.stop(meters.timer("rampart.gateway.screening.duration", "source", source.tag()));
		meters.counter("rampart.gateway.screening.verdicts", "source", source.tag(), "result",
				verdict.injection() ? "injection" : "clean", "cached", Boolean.toString(known != null)).increment();
		if (verdict.injection() && known == null) {
			log.info("Untrusted {} of {} characters looks like a prompt injection: score {}, reasons {}", source.tag(),
					text.length(), String.format(Locale.ROOT, "%.2f", verdict.score()), verdict.reasons());
		}
		return verdict;
	}

	private ScreeningVerdict judge(String text, UntrustedSource source) {
		Normalized normalized = normalizer.normalize(text);
		Map<String, Double> evidence = new LinkedHashMap<>();
		heuristics.match(normalized).forEach((family, weight) -> evidence.put("heuristic:" + family, weight));
		List<String> windows = new ArrayList<>();
		for (Normalized.Decoded decoded : normalized.decoded()) {
			double hidden = Heuristics.combine(heuristics.match(decoded.content()).values());
			evidence.merge("decoded:" + decoded.encoding(), hidden, Math::max);
			windows.add(decoded.content().text());
		}
		int room = Math.max(1, properties.maxWindows() - windows.size());
		windows.addAll(0, Windows.of(normalized.text(), room));
		double heuristic = Heuristics.combine(evidence.values());
		Set<String> similarKinds = new LinkedHashSet<>();
		double classified = classify(windows.subList(0, Math.min(windows.size(), properties.maxWindows())), similarKinds)
				* englishModelWeight(normalized.text());
		if (heuristic > 0 || classified >= NAMES_KINDS) {
			for (String obfuscation : normalized.obfuscations()) {
				evidence.put("obfuscation:" + obfuscation, OBFUSCATION_WEIGHTS.getOrDefault(obfuscation, 0.1));
			}
			heuristic = Heuristics.combine(evidence.values());
		}
		double score = 1 - (1 - heuristic) * (1 - classified);
		List<String> reasons = new ArrayList<>();
		evidence.forEach((reason, weight) -> {
			if (weight > 0) {
				reasons.add(reason);
			}
		});
		if (classified >= NAMES_KINDS) {
			similarKinds.forEach(kind -> reasons.add("similar:" + kind));
		}
		if (classifierFailed) {
			reasons.add("classifier-unavailable");
		}
		return new ScreeningVerdict(source, Math.clamp(score, 0, 1), score >= properties.threshold(), reasons);
	}

	/**
	 * MiniLM learnt English: on text mostly in other scripts (Cyrillic, CJK ...) its neighbours say little, so
	 * its score counts half there and the multilingual patterns carry the decision.
	 */
	private static double englishModelWeight(String text) {
		return 0.5 + 0.5 * ScreeningNormalizer.latinShare(text);
	}

	/** The highest window score; kinds of the nearest injections of that window go into {@code kinds}. */
	private double classify(List<String> windows, Set<String> kinds) {
		EmbeddingClassifier knn = classifier();
		if (knn == null || windows.isEmpty()) {
			return 0;
		}
		EmbeddingClassifier.Vote best = null;
		for (float[] vector : embeddings.embedAll(windows)) {
			EmbeddingClassifier.Vote vote = knn.vote(vector);
			if (best == null || vote.score() > best.score()) {
				best = vote;
			}
		}
		kinds.addAll(best.kinds());
		return best.score();
	}

	private @Nullable EmbeddingClassifier classifier() {
		EmbeddingClassifier current = classifier;
		if (current == null && !classifierFailed) {
			synchronized (this) {
				current = classifier;
				if (current == null && !classifierFailed) {
					try {
						long start = System.nanoTime();
						current = new EmbeddingClassifier(exemplars.get(), normalizer, embeddings);
						classifier = current;
						log.info("Prompt screening classifier ready: {} exemplars embedded in {} ms", current.size(),
								(System.nanoTime() - start) / 1_000_000);
					}
					catch (RuntimeException | LinkageError ex) {
						if (embeddings.isClosed()) {
							return null; // the node is stopping; not a failure of the model
						}
						classifierFailed = true;
						log.error("The embedding model could not be loaded; prompt screening continues with heuristics only", ex);
					}
				}
			}
		}
		return current;
	}

	@Override
	public String apply(ScreeningVerdict verdict, String text, ScreeningAction action) {
		if (!verdict.injection()) {
			return text;
		}
		meters.counter("rampart.gateway.screening.actions", "source", verdict.source().tag(), "action",
				action.name().toLowerCase(Locale.ROOT)).increment();
		return switch (action) {
			case FLAG -> text;
			case WRAP -> UntrustedWrapper.wrap(text, verdict.source());
			case BLOCK -> throw new RampartException(ErrorCode.PROMPT_INJECTION_BLOCKED, "Untrusted " + verdict.source().tag()
					+ " scored " + String.format(Locale.ROOT, "%.2f", verdict.score()) + " (threshold "
					+ properties.threshold() + ") and the action is block.");
		};
	}
}
