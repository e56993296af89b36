package dev.rampart.memory.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.jbellis.jvector.vector.types.VectorFloat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rampart.memory.IndexTier;
import dev.rampart.memory.MemoryIndexProperties;
import dev.rampart.memory.VectorIndex;
import dev.rampart.memory.VectorIndexes;
import dev.rampart.memory.VectorMatch;
import dev.rampart.memory.VectorSource;
import dev.rampart.shared.TenantId;

/**
 * Hot, warm and cold tiers over per-agent jvector indexes. Hot indexes are kept in access order and, when their
 * estimated bytes exceed the budget, the least recently used are written to disk and memory-mapped instead. A plain
 * access-ordered map rather than Caffeine: eviction here must be strict LRU by bytes and must write the evicted index to
 * disk synchronously before it is dropped, which W-TinyLFU admission and asynchronous removal do not give.
 *
 * <p>Tier changes and writes run under one lock (a cold rebuild of a large agent therefore delays other agents' writes,
 * not their searches); searches run outside it, under the index's own lock.
 */
public final class TieredVectorIndexes implements VectorIndexes {

	private static final Logger log = LoggerFactory.getLogger(TieredVectorIndexes.class);

	private final MemoryIndexProperties settings;

	private final Path root;

	private final VectorSource source;

	private final Object lock = new Object();

	private final LinkedHashMap<IndexKey, HotIndex> hot = new LinkedHashMap<>(16, 0.75f, true);

	private final Map<IndexKey, WarmIndex> warm = new HashMap<>();

	/** The last failed file operation (message and time), cleared by the next one that succeeds; under {@link #lock}. */
	private @Nullable String lastError;

	private @Nullable Instant lastErrorAt;

	/**
	 * @param root the folder of warm indexes, usually {@link MemoryIndexProperties#directoryUnder}
	 */
	public TieredVectorIndexes(MemoryIndexProperties settings, Path root, VectorSource source) {
		this.settings = settings;
		this.root = root;
		this.source = source;
	}

	@Override
	public VectorIndex of(TenantId tenant, UUID agent) {
		return new Handle(new IndexKey(tenant, agent));
	}

	@Override
	public IndexTier tier(TenantId tenant, UUID agent) {
		IndexKey key = new IndexKey(tenant, agent);
		synchronized (lock) {
			if (hot.containsKey(key)) {
				return IndexTier.HOT;
			}
			return warm.containsKey(key) || IndexFiles.of(root, key).exist() ? IndexTier.WARM : IndexTier.COLD;
		}
	}

	@Override
	public void drop(TenantId tenant, UUID agent) {
		IndexKey key = new IndexKey(tenant, agent);
		synchronized (lock) {
			hot.remove(key);
			WarmIndex warmIndex = warm.remove(key);
			if (warmIndex != null) {
				warmIndex.close();
			}
			deleteFiles(key);
		}
	}

	@Override
	public long hotBytes() {
		synchronized (lock) {
			return hotBytesLocked();
		}
	}

	@Override
	public State state() {
		synchronized (lock) {
			long vectors = 0;
			for (HotIndex index : hot.values()) {
				vectors += index.size();
			}
			for (WarmIndex index : warm.values()) {
				vectors += index.size();
			}
			return new State(hot.size(), warm.size(), vectors, hotBytesLocked(), lastError, lastErrorAt);
		}
	}

	/** Writes every hot index to disk so that the next start finds them warm, and unmaps the warm ones. */
	@Override
	public void close() {
		synchronized (lock) {
			for (var it = hot.entrySet().iterator(); it.hasNext();) {
				var entry = it.next();
				it.remove();
				spill(entry.getKey(), entry.getValue(), false);
			}
			warm.values().forEach(WarmIndex::close);
			warm.clear();
		}
	}

	private long hotBytesLocked() {
		long total = 0;
		for (HotIndex index : hot.values()) {
			total += index.estimatedBytes();
		}
		return total;
	}

	private void add(IndexKey key, UUID id, float[] vector) {
		VectorFloat<?> unit = Vectors.unit(vector, settings.dimension());
		synchronized (lock) {
			hotForWrite(key).add(id, unit);
			enforceBudget(key);
		}
	}

	private void remove(IndexKey key, UUID id) {
		synchronized (lock) {
			hotForWrite(key).remove(id);
			enforceBudget(key);
		}
	}

	private List<VectorMatch> search(IndexKey key, float[] query, int k) {
		VectorFloat<?> unit = Vectors.unit(query, settings.dimension());
		while (true) {
			Object index = resolveForRead(key);
			if (index instanceof HotIndex hotIndex) {
				return hotIndex.search(unit, k);
			}
			try {
				return ((WarmIndex) index).search(unit, k);
			}
			catch (WarmIndex.ClosedIndexException ex) {
				// promoted or dropped since the lookup: look again
			}
		}
	}

	private int size(IndexKey key) {
		Object index = resolveForRead(key);
		return index instanceof HotIndex hotIndex ? hotIndex.size() : ((WarmIndex) index).size();
	}

	/** The hot or warm index of the key, loading it (warm from disk, else cold from the source) when needed. */
	private Object resolveForRead(IndexKey key) {
		synchronized (lock) {
			HotIndex hotIndex = hot.get(key);
			if (hotIndex != null) {
				return hotIndex;
			}
			WarmIndex warmIndex = warm.get(key);
			if (warmIndex == null) {
				warmIndex = openWarm(key);
			}
			if (warmIndex != null) {
				return warmIndex;
			}
			hotIndex = rebuild(key);
			hot.put(key, hotIndex);
			enforceBudget(key);
			return hotIndex;
		}
	}

	/** The key's hot index, promoting a warm one; its files are deleted first, since they are about to be stale. */
	private HotIndex hotForWrite(IndexKey key) {
		HotIndex hotIndex = hot.get(key);
		if (hotIndex != null) {
			return hotIndex;
		}
		WarmIndex warmIndex = warm.remove(key);
		if (warmIndex == null) {
			warmIndex = openWarm(key);
			warm.remove(key);
		}
		if (warmIndex != null) {
			List<UUID> ids = new ArrayList<>(warmIndex.size());
			List<VectorFloat<?>> vectors = new ArrayList<>(warmIndex.size());
			warmIndex.readAll(ids, vectors);
			warmIndex.close();
			hotIndex = HotIndex.bulk(settings, ids, vectors);
		}
		else {
			hotIndex = rebuild(key);
		}
		deleteFiles(key);
		hot.put(key, hotIndex);
		return hotIndex;
	}

	private @Nullable WarmIndex openWarm(IndexKey key) {
		IndexFiles files = IndexFiles.of(root, key);
		if (!files.exist()) {
			return null;
		}
		try {
			WarmIndex index = WarmIndex.open(files, settings);
			warm.put(key, index);
			succeeded();
			return index;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Vector index files of {} unusable, rebuilding from the source: {}", files.folder(), ex.toString());
			failed("reading index files: " + ex.getClass().getSimpleName());
			deleteFiles(key);
			return null;
		}
	}

	private HotIndex rebuild(IndexKey key) {
		List<UUID> ids = new ArrayList<>();
		List<VectorFloat<?>> vectors = new ArrayList<>();
		source.forEachVector(key.tenant(), key.agent(), (id, vector) -> {
			ids.add(id);
			vectors.add(Vectors.unit(vector, settings.dimension()));
		});
		return HotIndex.bulk(settings, ids, vectors);
	}

	private void enforceBudget(IndexKey keep) {
		long budget = settings.hotBudget().toBytes();
		long total = hotBytesLocked();
		for (Iterator<Map.Entry<IndexKey, HotIndex>> it = hot.entrySet().iterator(); total > budget && it.hasNext();) {
			Map.Entry<IndexKey, HotIndex> eldest = it.next();
			if (eldest.getKey().equals(keep)) {
				continue;
			}
			total -= eldest.getValue().estimatedBytes();
			it.remove();
			spill(eldest.getKey(), eldest.getValue(), true);
		}
	}

	/** Moves an index out of the heap to disk; if writing fails it goes cold (the source still has every vector). */
	private void spill(IndexKey key, HotIndex index, boolean mapNow) {
		if (index.size() == 0) {
			deleteFiles(key);
			return;
		}
		IndexFiles files = IndexFiles.of(root, key);
		try {
			files.write(index);
			if (mapNow) {
				warm.put(key, WarmIndex.open(files, settings));
			}
			succeeded();
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not write the vector index of {}; it will be rebuilt from the source: {}", files.folder(),
					ex.toString());
			failed("writing index files: " + ex.getClass().getSimpleName());
			deleteFiles(key);
		}
	}

	private void deleteFiles(IndexKey key) {
		try {
			IndexFiles.of(root, key).delete();
		}
		catch (IOException ex) {
			log.warn("Could not delete vector index files of {}: {}", key, ex.toString());
			failed("deleting index files: " + ex.getClass().getSimpleName());
		}
	}

	/** Called under {@link #lock}. */
	private void failed(String what) {
		lastError = what;
		lastErrorAt = Instant.now();
	}

	/** Called under {@link #lock}. */
	private void succeeded() {
		lastError = null;
		lastErrorAt = null;
	}

	/** The per-agent view handed out by {@link #of}; routes every call through the tiers. */
	private final class Handle implements VectorIndex {

		private final IndexKey key;

		Handle(IndexKey key) {
			this.key = key;
		}

		@Override
		public void add(UUID id, float[] vector) {
			TieredVectorIndexes.this.add(key, id, vector);
		}

		@Override
		public void remove(UUID id) {
			TieredVectorIndexes.this.remove(key, id);
		}

		@Override
		public List<VectorMatch> search(float[] query, int k) {
			return TieredVectorIndexes.this.search(key, query, k);
		}

		@Override
		public int size() {
			return TieredVectorIndexes.this.size(key);
		}
	}
}
