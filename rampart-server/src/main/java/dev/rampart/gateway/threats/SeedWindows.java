package dev.rampart.gateway.threats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in baseline that keeps a fresh node from being blind: feature vectors of normal windows,
 * one per line ({@code level,f1,...,f10}), made by running the test suite's traffic generator
 * (normal traffic only) through the real feature extraction. See docs/threat-detection.md for how
 * it is regenerated. Real windows replace it as they accumulate.
 */
final class SeedWindows {

	static final String RESOURCE = "/dev/rampart/gateway/threats/seed-windows.csv";

	private SeedWindows() {
	}

	static Map<Level, List<double[]>> load() {
		Map<Level, List<double[]>> seed = new EnumMap<>(Level.class);
		try (InputStream in = SeedWindows.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("the threat-detection seed " + RESOURCE + " is missing from the build");
			}
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split(",");
				if (parts.length != Feature.COUNT + 1) {
					throw new IllegalStateException("a seed window needs a level and " + Feature.COUNT + " features: " + line);
				}
				double[] vector = new double[Feature.COUNT];
				for (int i = 0; i < Feature.COUNT; i++) {
					vector[i] = Double.parseDouble(parts[i + 1]);
				}
				seed.computeIfAbsent(Level.valueOf(parts[0].toUpperCase(Locale.ROOT)), l -> new ArrayList<>()).add(vector);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return seed;
	}
}
