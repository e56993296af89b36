package dev.rampart.gateway.threats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.gateway.ThreatProperties;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The models that score windows: per level, a global baseline trained on every tenant's recent
 * unflagged windows (topped up with the built-in seed windows while there are fewer real ones than
 * {@code trainingWindows}), and a model per tenant once the tenant has {@code minTenantWindows}
 * unflagged windows. A window is scored by its tenant's model when there is one, else by the global
 * baseline. {@link #retrain} replaces the models at once; scoring never waits for it.
 */
final class ThreatModels {

	private final ThreatProperties properties;
	private final Map<Level, List<double[]>> seed;
	private final ConcurrentHashMap<Scope, TrainingWindows> recent = new ConcurrentHashMap<>();
	/** How many windows each scope had been given when it was last trained. */
	private final Map<Scope, Long> trainedAt = new ConcurrentHashMap<>();
	private volatile Map<Scope, Model> models;

	/** A global baseline ({@code tenant} null) or one tenant's model, per level. */
	private record Scope(Level level, @Nullable TenantId tenant) {

		long seed(long base) {
			return base * 31 + level.ordinal() * 17L + (tenant == null ? 0 : tenant.value().getLeastSignificantBits());
		}
	}

	/** How a window scored: {@code score} relative to the deciding model's threshold, and why, in words. */
	record Verdict(double score, boolean anomalous, String model, List<String> reasons) {
	}

	ThreatModels(ThreatProperties properties, Map<Level, List<double[]>> seed) {
		this.properties = properties;
		this.seed = Map.copyOf(seed);
		this.models = Map.of();
		retrain();
	}

	/** Keeps an unflagged window for the next training, in its tenant's scope and the global one. */
	void learn(Level level, TenantId tenant, double[] vector) {
		windows(new Scope(level, null)).add(vector);
		windows(new Scope(level, tenant)).add(vector);
	}

	Verdict score(Level level, TenantId tenant, double[] vector) {
		Map<Scope, Model> current = models;
		Model model = current.get(new Scope(level, tenant));
		if (model == null) {
			model = current.get(new Scope(level, null));
		}
		if (model == null) {
			return new Verdict(0, false, "none", List.of());
		}
		double score = model.relativeScore(vector);
		boolean anomalous = score >= 1;
		return new Verdict(score, anomalous, model.name(), anomalous ? model.reasons(vector) : List.of());
	}

	/** Trains every model again on the windows kept so far. */
	void retrain() {
		Map<Scope, Model> previous = models;
		Map<Scope, Model> trained = new HashMap<>();
		for (Level level : Level.values()) {
			Scope global = new Scope(level, null);
			if (previous.containsKey(global) && !grown(global)) {
				trained.put(global, previous.get(global));
				continue;
			}
			trainedAt.put(global, windows(global).added());
			List<double[]> data = new ArrayList<>(windows(global).snapshot());
			List<double[]> seeded = seed.getOrDefault(level, List.of());
			for (int i = 0; i < seeded.size() && data.size() < properties.trainingWindows(); i++) {
				data.add(seeded.get(i));
			}
			if (!data.isEmpty()) {
				trained.put(global, train("global " + level.label(), global, data));
			}
		}
		recent.forEach((scope, windows) -> {
			if (scope.tenant() == null || windows.size() < properties.minTenantWindows()) {
				return;
			}
			if (previous.containsKey(scope) && !grown(scope)) {
				trained.put(scope, previous.get(scope));
				return;
			}
			trainedAt.put(scope, windows.added());
			trained.put(scope, train("tenant " + scope.level().label(), scope, windows.snapshot()));
		});
		models = Map.copyOf(trained);
	}

	/** Whether a scope got enough new windows since its last training to be worth training again: an eighth more, at least 32. */
	private boolean grown(Scope scope) {
		TrainingWindows windows = windows(scope);
		long fresh = windows.added() - trainedAt.getOrDefault(scope, 0L);
		return fresh >= Math.max(32, windows.size() / 8);
	}

	int tenantModels() {
		return (int) models.keySet().stream().filter(scope -> scope.tenant() != null).count();
	}

	private Model train(String name, Scope scope, List<double[]> data) {
		return Model.train(name, data, properties.trees(), properties.sampleSize(), properties.thresholdQuantile(),
				scope.seed(properties.seed()));
	}

	private TrainingWindows windows(Scope scope) {
		return recent.computeIfAbsent(scope, s -> new TrainingWindows(properties.trainingWindows()));
	}
}
