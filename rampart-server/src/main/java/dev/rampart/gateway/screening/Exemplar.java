package dev.rampart.gateway.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One labelled text of the exemplar set ({@code screening/exemplars.jsonl}, docs/prompt-screening.md).
 * Only the {@code train} split teaches the classifier; {@code test} is held out for the evaluation.
 * Batch 2 are held-out texts written after the first measurement and never used for tuning.
 */
record Exemplar(String text, boolean injection, String kind, boolean heldOut, int batch) {

	static final String RESOURCE = "screening/exemplars.jsonl";

	static List<Exemplar> all() {
		JsonMapper json = JsonMapper.builder().build();
		try (InputStream in = Exemplar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the class path");
			}
			List<Exemplar> exemplars = new ArrayList<>();
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode row = json.readTree(line);
				exemplars.add(new Exemplar(row.get("text").asString(), row.get("label").asString().equals("injection"),
						row.get("kind").asString(), row.get("split").asString().equals("test"),
						row.has("batch") ? row.get("batch").asInt() : 1));
			}
			return List.copyOf(exemplars);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read " + RESOURCE, ex);
		}
	}

	static List<Exemplar> train() {
		return all().stream().filter(exemplar -> !exemplar.heldOut()).toList();
	}

	static List<Exemplar> heldOutSet() {
		return all().stream().filter(Exemplar::heldOut).toList();
	}
}
