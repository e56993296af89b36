package dev.rampart.memory.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import dev.rampart.shared.embeddings.LocalEmbeddings;

/**
 * Real sentence embeddings for {@link MemoryIndexBenchmark}: distinct synthetic memory-like sentences from word lists
 * (seeded, so every run embeds the same texts), embedded by the in-process MiniLM model and cached under
 * {@code target/} so that a second run does not embed again.
 */
final class MiniLmCorpus {

	private static final String[] NAMES = { "Anna", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ines",
			"Jonas", "Kofi", "Leila", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma",
			"Viktor", "Wen", "Ximena", "Yusuf", "Zara", "the customer", "the manager", "our supplier", "the new intern",
			"the CFO", "the support lead", "my sister", "the landlord", "the auditor", "the designer" };

	private static final String[] VERBS = { "prefers", "asked about", "complained about", "ordered", "cancelled",
			"forgot", "paid for", "is allergic to", "wants to renew", "recommended", "returned", "booked", "reviewed",
			"lost", "approved", "rejected", "is waiting for", "signed", "shipped", "disputed", "needs help with",
			"was promoted after", "mentioned", "always checks", "never uses" };

	private static final String[] OBJECTS = { "the annual subscription", "a vegetarian menu", "the blue laptop",
			"invoice", "the train ticket", "the hotel room", "a refund", "the API key", "the premium plan",
			"the quarterly report", "peanuts", "the parking permit", "a window seat", "the firmware update",
			"the insurance policy", "the marketing budget", "the server migration", "a standing desk", "the contract",
			"the loyalty card", "the delivery slot", "the password reset", "the conference badge", "oat milk",
			"the spare keys", "the tax return", "a wheelchair ramp", "the backup drive", "the onboarding checklist",
			"the holiday request" };

	private static final String[] PLACES = { "in Berlin", "in Lisbon", "at the Oslo office", "in the warehouse",
			"on the mobile app", "during the video call", "at the front desk", "in the shared drive", "in Nairobi",
			"at the airport", "in the staff kitchen", "on the website", "in Toronto", "at the branch in Lyon",
			"over email", "in the chat widget", "in Seoul", "at the trade fair", "in the basement lab", "in Kraków" };

	private static final String[] TIMES = { "last Monday", "yesterday", "this morning", "in March", "every Friday",
			"before the holidays", "twice this week", "after the outage", "on the 3rd", "at 9:30", "since January",
			"last quarter", "on weekends", "during the sale", "in 2024", "next Tuesday" };

	private static final String[] TEMPLATES = { "%1$s %2$s %3$s %4$s %5$s.", "%5$s, %1$s %2$s %3$s %4$s.",
			"Remember that %1$s %2$s %3$s %4$s.", "Note: %1$s %2$s %3$s (%5$s, %4$s).",
			"%1$s %2$s %3$s; this happened %4$s %5$s.", "Ticket %6$d: %1$s %2$s %3$s %4$s.",
			"%1$s %2$s %3$s %5$s and said it costs %6$d euros." };

	private MiniLmCorpus() {
	}

	/** {@code count} distinct sentences, the same for the same seed. */
	static List<String> sentences(int count, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		LinkedHashSet<String> texts = new LinkedHashSet<>();
		while (texts.size() < count) {
			texts.add(String.format(TEMPLATES[random.nextInt(TEMPLATES.length)], pick(random, NAMES),
					pick(random, VERBS), pick(random, OBJECTS), pick(random, PLACES), pick(random, TIMES),
					100 + random.nextInt(9_900)));
		}
		return new ArrayList<>(texts);
	}

	private static String pick(SplittableRandom random, String[] words) {
		return words[random.nextInt(words.length)];
	}

	/**
	 * The embeddings of {@code texts}, read from {@code cache} when it holds them, else computed in batches (progress
	 * reported every 10,000) and written there.
	 */
	static float[][] embed(List<String> texts, Path cache, LocalEmbeddings model, Consumer<String> log) throws IOException {
		if (Files.exists(cache)) {
			try (var in = new DataInputStream(Files.newInputStream(cache))) {
				int n = in.readInt();
				int dim = in.readInt();
				if (n == texts.size()) {
					float[][] vectors = new float[n][dim];
					for (float[] v : vectors) {
						for (int d = 0; d < dim; d++) {
							v[d] = in.readFloat();
						}
					}
					log.accept("embeddings read from " + cache);
					return vectors;
				}
			}
		}
		float[][] vectors = new float[texts.size()][];
		long start = System.nanoTime();
		for (int from = 0; from < texts.size(); from += 256) {
			List<float[]> batch = model.embedAll(texts.subList(from, Math.min(texts.size(), from + 256)));
			for (int i = 0; i < batch.size(); i++) {
				vectors[from + i] = batch.get(i);
			}
			if ((from / 256) % 40 == 39) {
				double seconds = (System.nanoTime() - start) / 1e9;
				log.accept(String.format("embedded %,d in %.0f s (%.0f sentences/s)", from + 256, seconds,
						(from + 256) / seconds));
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		log.accept(String.format("MiniLM: embedded %,d sentences in %.1f s (%.0f sentences/s)", texts.size(), seconds,
				texts.size() / seconds));
		Files.createDirectories(cache.getParent());
		try (var out = new DataOutputStream(Files.newOutputStream(cache))) {
			out.writeInt(vectors.length);
			out.writeInt(vectors[0].length);
			for (float[] v : vectors) {
				for (float x : v) {
					out.writeFloat(x);
				}
			}
		}
		return vectors;
	}
}
