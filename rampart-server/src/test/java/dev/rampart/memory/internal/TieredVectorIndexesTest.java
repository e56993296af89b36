package dev.rampart.memory.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.rampart.memory.IndexTier;
import dev.rampart.memory.MemoryIndexProperties;
import dev.rampart.memory.VectorIndex;
import dev.rampart.memory.VectorMatch;
import dev.rampart.memory.VectorSource;
import dev.rampart.shared.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class TieredVectorIndexesTest {

	private static final int DIM = 384;

	private static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-7000-8000-0000000000a1"));

	private static final TenantId OTHER_TENANT = new TenantId(UUID.fromString("00000000-0000-7000-8000-0000000000b2"));

	@TempDir
	Path dir;

	private final InMemorySource source = new InMemorySource();

	private final Random random = new Random(7);

	private TieredVectorIndexes indexes;

	private TieredVectorIndexes indexes(DataSize budget) {
		indexes = new TieredVectorIndexes(MemoryIndexProperties.defaults(budget, dir), dir, source);
		return indexes;
	}

	@AfterEach
	void close() {
		if (indexes != null) {
			indexes.close();
		}
	}

	@Test
	void searchOnASmallSetEqualsExactSearch() {
		UUID agent = UUID.randomUUID();
		VectorIndex index = indexes(DataSize.ofMegabytes(64)).of(TENANT, agent);
		Map<UUID, float[]> stored = fill(index, agent, 200);

		for (int q = 0; q < 20; q++) {
			float[] query = randomVector();
			assertThat(ids(index.search(query, 10))).isEqualTo(exactTop(stored, query, 10));
		}
		assertThat(index.size()).isEqualTo(200);
	}

	@Test
	void theGraphFindsNearlyAllTrueNeighboursHotAndWarm() {
		// exactBelow 0: always walk the graph, on clustered data like real embeddings
		indexes = new TieredVectorIndexes(new MemoryIndexProperties(DataSize.ofMegabytes(64), dir, DIM, 32, 100, 100, 0),
				dir, source);
		UUID agent = UUID.randomUUID();
		VectorIndex index = indexes.of(TENANT, agent);
		List<float[]> centroids = new ArrayList<>();
		for (int c = 0; c < 20; c++) {
			centroids.add(randomVector());
		}
		Map<UUID, float[]> stored = new LinkedHashMap<>();
		for (int i = 0; i < 2_000; i++) {
			float[] v = centroids.get(i % centroids.size()).clone();
			for (int d = 0; d < DIM; d++) {
				v[d] += (float) (0.5 * random.nextGaussian());
			}
			UUID id = UUID.randomUUID();
			source.put(TENANT, agent, id, v);
			index.add(id, v);
			stored.put(id, v);
		}
		List<float[]> queries = new ArrayList<>();
		for (int q = 0; q < 50; q++) {
			float[] v = centroids.get(q % centroids.size()).clone();
			for (int d = 0; d < DIM; d++) {
				v[d] += (float) (0.5 * random.nextGaussian());
			}
			queries.add(v);
		}

		assertThat(recall(index, stored, queries)).isGreaterThanOrEqualTo(0.95);
		indexes.close();
		indexes = new TieredVectorIndexes(new MemoryIndexProperties(DataSize.ofMegabytes(64), dir, DIM, 32, 100, 100, 0),
				dir, source);
		VectorIndex warm = indexes.of(TENANT, agent);
		assertThat(indexes.tier(TENANT, agent)).isEqualTo(IndexTier.WARM);
		assertThat(recall(warm, stored, queries)).isGreaterThanOrEqualTo(0.95);
	}

	private static double recall(VectorIndex index, Map<UUID, float[]> stored, List<float[]> queries) {
		int found = 0;
		for (float[] query : queries) {
			List<UUID> exact = exactTop(stored, query, 10);
			found += (int) ids(index.search(query, 10)).stream().filter(exact::contains).count();
		}
		return found / (10.0 * queries.size());
	}

	@Test
	void similarityIsTheCosineAndTheVectorItselfComesFirst() {
		UUID agent = UUID.randomUUID();
		VectorIndex index = indexes(DataSize.ofMegabytes(64)).of(TENANT, agent);
		Map<UUID, float[]> stored = fill(index, agent, 50);
		var first = stored.entrySet().iterator().next();
		float[] scaled = first.getValue().clone();
		for (int i = 0; i < DIM; i++) {
			scaled[i] *= 3;
		}

		List<VectorMatch> matches = index.search(scaled, 3);

		assertThat(matches.getFirst().id()).isEqualTo(first.getKey());
		assertThat(matches.getFirst().similarity()).isCloseTo(1f, offset(1e-4f));
		assertThat(matches.get(1).similarity()).isCloseTo(VectorBytes.cosine(scaled, stored.get(matches.get(1).id())),
				offset(1e-4f));
	}

	@Test
	void removedVectorsAreNeverReturned() {
		UUID agent = UUID.randomUUID();
		VectorIndex index = indexes(DataSize.ofMegabytes(64)).of(TENANT, agent);
		Map<UUID, float[]> stored = fill(index, agent, 100);
		List<UUID> removed = new ArrayList<>(stored.keySet()).subList(0, 30);
		for (UUID id : List.copyOf(removed)) {
			index.remove(id);
			stored.remove(id);
		}

		for (int q = 0; q < 10; q++) {
			float[] query = randomVector();
			assertThat(ids(index.search(query, 10))).isEqualTo(exactTop(stored, query, 10))
				.doesNotContainAnyElementsOf(removed);
		}
		assertThat(index.size()).isEqualTo(70);
	}

	@Test
	void addingAnExistingIdReplacesItsVector() {
		UUID agent = UUID.randomUUID();
		VectorIndex index = indexes(DataSize.ofMegabytes(64)).of(TENANT, agent);
		fill(index, agent, 20);
		UUID id = UUID.randomUUID();
		float[] before = randomVector();
		float[] after = randomVector();
		index.add(id, before);
		index.add(id, after);

		assertThat(index.search(after, 1)).extracting(VectorMatch::id).containsExactly(id);
		assertThat(index.search(before, 21)).filteredOn(m -> m.id().equals(id)).hasSize(1);
		assertThat(index.size()).isEqualTo(21);
	}

	@Test
	void warmTierRoundTripGivesTheSameResults() {
		UUID agent = UUID.randomUUID();
		VectorIndex index = indexes(DataSize.ofMegabytes(64)).of(TENANT, agent);
		fill(index, agent, 300);
		index.remove(new ArrayList<>(source.rows(TENANT, agent).keySet()).getFirst());
		List<float[]> queries = List.of(randomVector(), randomVector(), randomVector());
		List<List<VectorMatch>> hotResults = queries.stream().map(q -> index.search(q, 10)).toList();
		assertThat(indexes.tier(TENANT, agent)).isEqualTo(IndexTier.HOT);

		indexes.close();
		assertThat(Files.exists(dir.resolve(TENANT.toString()).resolve(agent.toString()).resolve("graph.jv"))).isTrue();
		VectorIndex reopened = indexes(DataSize.ofMegabytes(64)).of(TENANT, agent);

		assertThat(indexes.tier(TENANT, agent)).isEqualTo(IndexTier.WARM);
		for (int q = 0; q < queries.size(); q++) {
			assertThat(ids(reopened.search(queries.get(q), 10))).isEqualTo(ids(hotResults.get(q)));
		}
		assertThat(reopened.size()).isEqualTo(299);
		assertThat(indexes.tier(TENANT, agent)).isEqualTo(IndexTier.WARM);
	}

	@Test
	void aWriteToAWarmIndexPromotesItAndDeletesTheStaleFiles() {
		UUID agent = UUID.randomUUID();
		fill(indexes(DataSize.ofMegabytes(64)).of(TENANT, agent), agent, 100);
		indexes.close();
		VectorIndex index = indexes(DataSize.ofMegabytes(64)).of(TENANT, agent);
		assertThat(indexes.tier(TENANT, agent)).isEqualTo(IndexTier.WARM);

		UUID id = UUID.randomUUID();
		float[] vector = randomVector();
		index.add(id, vector);

		assertThat(indexes.tier(TENANT, agent)).isEqualTo(IndexTier.HOT);
		assertThat(Files.exists(dir.resolve(TENANT.toString()).resolve(agent.toString()).resolve("graph.jv"))).isFalse();
		assertThat(index.search(vector, 1)).extracting(VectorMatch::id).containsExactly(id);
		assertThat(index.size()).isEqualTo(101);
	}

	@Test
	void deletedFilesAreRebuiltColdFromTheSource() throws Exception {
		UUID agent = UUID.randomUUID();
		Map<UUID, float[]> stored = fill(indexes(DataSize.ofMegabytes(64)).of(TENANT, agent), agent, 150);
		indexes.close();
		Path folder = dir.resolve(TENANT.toString()).resolve(agent.toString());
		try (var files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}

		VectorIndex index = indexes(DataSize.ofMegabytes(64)).of(TENANT, agent);
		assertThat(indexes.tier(TENANT, agent)).isEqualTo(IndexTier.COLD);
		float[] query = randomVector();

		assertThat(ids(index.search(query, 10))).isEqualTo(exactTop(stored, query, 10));
		assertThat(indexes.tier(TENANT, agent)).isEqualTo(IndexTier.HOT);
	}

	@Test
	void corruptFilesAreRebuiltFromTheSource() throws Exception {
		UUID agent = UUID.randomUUID();
		Map<UUID, float[]> stored = fill(indexes(DataSize.ofMegabytes(64)).of(TENANT, agent), agent, 80);
		indexes.close();
		Files.write(dir.resolve(TENANT.toString()).resolve(agent.toString()).resolve("graph.jv"), new byte[] { 1, 2, 3 });

		VectorIndex index = indexes(DataSize.ofMegabytes(64)).of(TENANT, agent);
		float[] query = randomVector();

		assertThat(ids(index.search(query, 5))).isEqualTo(exactTop(stored, query, 5));
		assertThat(indexes.tier(TENANT, agent)).isEqualTo(IndexTier.HOT);
	}

	@Test
	void theLeastRecentlyUsedIndexGoesWarmWhenTheBudgetIsExceeded() {
		// each index of 200 vectors is estimated at roughly 0.4 MB: a 1 MB budget holds two
		indexes(DataSize.ofKilobytes(1_024));
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		UUID c = UUID.randomUUID();
		Map<UUID, float[]> storedA = fill(indexes.of(TENANT, a), a, 200);
		fill(indexes.of(TENANT, b), b, 200);
		indexes.of(TENANT, a).search(randomVector(), 1); // a is now more recently used than b
		fill(indexes.of(TENANT, c), c, 200);

		assertThat(indexes.tier(TENANT, b)).isEqualTo(IndexTier.WARM);
		assertThat(indexes.tier(TENANT, a)).isEqualTo(IndexTier.HOT);
		assertThat(indexes.tier(TENANT, c)).isEqualTo(IndexTier.HOT);
		assertThat(indexes.hotBytes()).isLessThanOrEqualTo(DataSize.ofKilobytes(1_024).toBytes());
		float[] query = randomVector();
		assertThat(ids(indexes.of(TENANT, a).search(query, 10))).isEqualTo(exactTop(storedA, query, 10));
		assertThat(indexes.of(TENANT, b).size()).isEqualTo(200);
	}

	@Test
	void agentsAndTenantsNeverSeeEachOthersVectors() {
		indexes(DataSize.ofMegabytes(64));
		UUID agent = UUID.randomUUID();
		UUID otherAgent = UUID.randomUUID();
		Map<UUID, float[]> mine = fill(indexes.of(TENANT, agent), agent, 50);
		Map<UUID, float[]> sameAgentIdOtherTenant = new LinkedHashMap<>();
		for (int i = 0; i < 50; i++) {
			UUID id = UUID.randomUUID();
			float[] v = randomVector();
			sameAgentIdOtherTenant.put(id, v);
			source.put(OTHER_TENANT, agent, id, v);
			indexes.of(OTHER_TENANT, agent).add(id, v);
		}
		Map<UUID, float[]> otherAgents = fill(indexes.of(TENANT, otherAgent), otherAgent, 50);

		for (float[] probe : List.of(otherAgents.values().iterator().next(),
				sameAgentIdOtherTenant.values().iterator().next(), randomVector())) {
			assertThat(ids(indexes.of(TENANT, agent).search(probe, 100))).containsOnlyElementsOf(mine.keySet())
				.hasSize(50);
		}
		assertThat(ids(indexes.of(OTHER_TENANT, agent).search(randomVector(), 100)))
			.containsExactlyInAnyOrderElementsOf(sameAgentIdOtherTenant.keySet());
	}

	@Test
	void vectorsOfTheWrongDimensionOrAllZerosAreRejected() {
		VectorIndex index = indexes(DataSize.ofMegabytes(64)).of(TENANT, UUID.randomUUID());

		assertThatThrownBy(() -> index.add(UUID.randomUUID(), new float[3])).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> index.add(UUID.randomUUID(), new float[DIM]))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(index.search(randomVector(), 5)).isEmpty();
	}

	private Map<UUID, float[]> fill(VectorIndex index, UUID agent, int count) {
		Map<UUID, float[]> stored = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			UUID id = UUID.randomUUID();
			float[] vector = randomVector();
			source.put(TENANT, agent, id, vector);
			index.add(id, vector);
			stored.put(id, vector);
		}
		return stored;
	}

	private float[] randomVector() {
		float[] v = new float[DIM];
		for (int i = 0; i < DIM; i++) {
			v[i] = (float) random.nextGaussian();
		}
		return v;
	}

	private static List<UUID> ids(List<VectorMatch> matches) {
		return matches.stream().map(VectorMatch::id).toList();
	}

	static List<UUID> exactTop(Map<UUID, float[]> stored, float[] query, int k) {
		return stored.entrySet()
			.stream()
			.sorted(Comparator.comparingDouble((Map.Entry<UUID, float[]> e) -> -VectorBytes.cosine(query, e.getValue())))
			.limit(k)
			.map(Map.Entry::getKey)
			.toList();
	}


	/** The memories table, for tests: rows per (tenant, agent). */
	static final class InMemorySource implements VectorSource {

		private final Map<IndexKey, Map<UUID, float[]>> rows = new ConcurrentHashMap<>();

		void put(TenantId tenant, UUID agent, UUID id, float[] vector) {
			rows.computeIfAbsent(new IndexKey(tenant, agent), k -> new LinkedHashMap<>()).put(id, vector);
		}

		Map<UUID, float[]> rows(TenantId tenant, UUID agent) {
			return rows.getOrDefault(new IndexKey(tenant, agent), Map.of());
		}

		@Override
		public void forEachVector(TenantId tenant, UUID agent, BiConsumer<UUID, float[]> sink) {
			rows(tenant, agent).forEach(sink);
		}
	}
}
