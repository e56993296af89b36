package dev.rampart.memory.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.types.VectorFloat;

import dev.rampart.memory.MemoryIndexProperties;
import dev.rampart.memory.VectorMatch;

/**
 * The writable, on-heap tier: a jvector graph (hierarchical, Vamana-pruned) built incrementally as vectors arrive.
 * Vectors live in a list indexed by graph ordinal; a removal marks the ordinal deleted (the graph still routes through
 * it) and is compacted away when deletions pile up or when the index is written to disk. One write lock serialises
 * writers against searches of this agent only.
 */
final class HotIndex {

	static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

	private static final float NEIGHBOR_OVERFLOW = 1.2f;

	private static final float ALPHA = 1.2f;

	private final MemoryIndexProperties settings;

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	private final List<VectorFloat<?>> vectors = new ArrayList<>();

	private final List<UUID> ids = new ArrayList<>();

	private final Map<UUID, Integer> ordinals = new HashMap<>();

	private final BitSet live = new BitSet();

	private final Values values = new Values();

	private final GraphIndexBuilder builder;

	private int deletedSinceCleanup;

	private HotIndex(MemoryIndexProperties settings) {
		this.settings = settings;
		this.builder = new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(values, SIMILARITY),
				settings.dimension(), settings.maxDegree(), settings.constructionWidth(), NEIGHBOR_OVERFLOW, ALPHA, true);
	}

	static HotIndex empty(MemoryIndexProperties settings) {
		return new HotIndex(settings);
	}

	/** Builds the graph over many vectors at once, in parallel: the cold rebuild and warm promotion path. */
	static HotIndex bulk(MemoryIndexProperties settings, List<UUID> ids, List<VectorFloat<?>> unitVectors) {
		HotIndex index = new HotIndex(settings);
		for (int i = 0; i < ids.size(); i++) {
			UUID id = ids.get(i);
			Integer previous = index.ordinals.put(id, i);
			if (previous != null) {
				index.live.clear(previous);
			}
			index.ids.add(id);
			index.vectors.add(unitVectors.get(i));
			index.live.set(i);
		}
		// concurrent inserts rather than builder.build(): build() finishes the graph, and later incremental inserts
		// into a finished graph were not found by searches (jvector 4.0.2)
		IntStream.range(0, ids.size()).parallel().forEach(ordinal -> index.builder.addGraphNode(ordinal, index.values));
		for (int ordinal = index.live.nextClearBit(0); ordinal < ids.size();
				ordinal = index.live.nextClearBit(ordinal + 1)) {
			index.builder.markNodeDeleted(ordinal);
		}
		return index;
	}

	void add(UUID id, VectorFloat<?> unitVector) {
		lock.writeLock().lock();
		try {
			Integer previous = ordinals.get(id);
			if (previous != null) {
				if (sameVector(vectors.get(previous), unitVector)) {
					return; // typically: the row was written, a cold rebuild read it, and now the caller adds it
				}
				deleteOrdinal(previous);
			}
			int ordinal = vectors.size();
			vectors.add(unitVector);
			ids.add(id);
			ordinals.put(id, ordinal);
			live.set(ordinal);
			builder.addGraphNode(ordinal, unitVector);
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	private static boolean sameVector(VectorFloat<?> a, VectorFloat<?> b) {
		for (int i = 0; i < a.length(); i++) {
			if (Float.compare(a.get(i), b.get(i)) != 0) {
				return false;
			}
		}
		return true;
	}

	void remove(UUID id) {
		lock.writeLock().lock();
		try {
			Integer ordinal = ordinals.remove(id);
			if (ordinal != null) {
				deleteOrdinal(ordinal);
			}
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	private void deleteOrdinal(int ordinal) {
		live.clear(ordinal);
		builder.markNodeDeleted(ordinal);
		deletedSinceCleanup++;
		if (deletedSinceCleanup > Math.max(1_000, live.cardinality() / 5)) {
			builder.removeDeletedNodes();
			deletedSinceCleanup = 0;
		}
	}

	List<VectorMatch> search(VectorFloat<?> unitQuery, int k) {
		lock.readLock().lock();
		try {
			int size = live.cardinality();
			if (size == 0 || k <= 0) {
				return List.of();
			}
			if (size < settings.exactBelow()) {
				return exactSearch(unitQuery, k);
			}
			var scores = DefaultSearchScoreProvider.exact(unitQuery, SIMILARITY, values);
			try (GraphSearcher searcher = new GraphSearcher(builder.getGraph())) {
				SearchResult result = searcher.search(scores, Math.min(k, size), Math.max(k, settings.searchWidth()), 0f,
						0f, live::get);
				return Vectors.matches(result, ids);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			lock.readLock().unlock();
		}
	}

	private List<VectorMatch> exactSearch(VectorFloat<?> unitQuery, int k) {
		TopK top = new TopK(k);
		for (int ordinal = live.nextSetBit(0); ordinal >= 0; ordinal = live.nextSetBit(ordinal + 1)) {
			top.offer(ordinal, SIMILARITY.compare(unitQuery, vectors.get(ordinal)));
		}
		return top.matches(ids::get);
	}

	int size() {
		lock.readLock().lock();
		try {
			return live.cardinality();
		}
		finally {
			lock.readLock().unlock();
		}
	}

	/**
	 * Estimated heap: each ordinal's vector (array plus wrapper), its id in the list and map, and its graph node with up to
	 * {@code maxDegree × overflow} neighbours (ordinal and score each). Checked against the measured heap in
	 * MemoryIndexBenchmark.
	 */
	long estimatedBytes() {
		lock.readLock().lock();
		try {
			long perOrdinal = 16L + 4L * settings.dimension() + 24 + 120
					+ (long) Math.ceil(settings.maxDegree() * NEIGHBOR_OVERFLOW) * 8 + 80;
			return 1_024 + perOrdinal * vectors.size();
		}
		finally {
			lock.readLock().unlock();
		}
	}

	/**
	 * Writes the live vectors and graph in jvector's on-disk format, renumbered densely, and returns the ids in the new
	 * ordinal order. Compacts this index first; it may still be searched afterwards.
	 */
	List<UUID> writeTo(Path graphFile) throws IOException {
		lock.writeLock().lock();
		try {
			builder.cleanup();
			deletedSinceCleanup = 0;
			Map<Integer, Integer> oldToNew = new HashMap<>();
			List<UUID> written = new ArrayList<>(live.cardinality());
			for (int ordinal = live.nextSetBit(0); ordinal >= 0; ordinal = live.nextSetBit(ordinal + 1)) {
				oldToNew.put(ordinal, written.size());
				written.add(ids.get(ordinal));
			}
			OnDiskGraphIndex.write(builder.getGraph(), values, oldToNew, graphFile);
			return written;
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	/** Vectors by graph ordinal, as jvector reads them. Only used under this index's lock or during a bulk build. */
	private final class Values implements RandomAccessVectorValues {

		@Override
		public int size() {
			return vectors.size();
		}

		@Override
		public int dimension() {
			return settings.dimension();
		}

		@Override
		public VectorFloat<?> getVector(int ordinal) {
			return vectors.get(ordinal);
		}

		@Override
		public boolean isValueShared() {
			return false;
		}

		@Override
		public RandomAccessVectorValues copy() {
			return this;
		}
	}
}
