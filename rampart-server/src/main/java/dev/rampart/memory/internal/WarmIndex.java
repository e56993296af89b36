package dev.rampart.memory.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.types.VectorFloat;

import dev.rampart.memory.MemoryIndexProperties;
import dev.rampart.memory.VectorMatch;

/**
 * The read-only, memory-mapped tier: jvector's on-disk graph with the vectors inline, so that a search touches only the
 * pages of the nodes it visits and the heap holds just the ids. Closing unmaps the file, so searches and close are
 * ordered by a lock.
 */
final class WarmIndex implements AutoCloseable {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	private final ReaderSupplier readers;

	private final OnDiskGraphIndex graph;

	private final List<UUID> ids;

	private final int searchWidth;

	private final int exactBelow;

	private boolean closed;

	private WarmIndex(ReaderSupplier readers, OnDiskGraphIndex graph, List<UUID> ids, MemoryIndexProperties settings) {
		this.readers = readers;
		this.graph = graph;
		this.ids = ids;
		this.searchWidth = settings.searchWidth();
		this.exactBelow = settings.exactBelow();
	}

	/** Maps an index written by {@link IndexFiles}; fails when the files are missing or do not match. */
	static WarmIndex open(IndexFiles files, MemoryIndexProperties settings) throws IOException {
		int dimension = settings.dimension();
		List<UUID> ids = files.readIds();
		ReaderSupplier readers = ReaderSupplierFactory.open(files.graph());
		try {
			OnDiskGraphIndex graph = OnDiskGraphIndex.load(readers);
			if (graph.size(0) != ids.size() || graph.getDimension() != dimension) {
				graph.close();
				throw new IOException("index files of " + files.folder() + " do not match (" + graph.size(0)
						+ " nodes, " + ids.size() + " ids, " + graph.getDimension() + " dimensions)");
			}
			return new WarmIndex(readers, graph, ids, settings);
		}
		catch (IOException | RuntimeException ex) {
			readers.close();
			throw ex;
		}
	}

	/** Nothing when closed meanwhile (the caller then looks the index up again). */
	List<VectorMatch> search(VectorFloat<?> unitQuery, int k) throws ClosedIndexException {
		lock.readLock().lock();
		try {
			if (closed) {
				throw new ClosedIndexException();
			}
			if (ids.isEmpty() || k <= 0) {
				return List.of();
			}
			if (ids.size() < exactBelow) {
				return exactSearch(unitQuery, k);
			}
			try (GraphSearcher searcher = new GraphSearcher(graph)) {
				var scores = DefaultSearchScoreProvider.exact(unitQuery, HotIndex.SIMILARITY,
						(RandomAccessVectorValues) searcher.getView());
				SearchResult result = searcher.search(scores, Math.min(k, ids.size()), Math.max(k, searchWidth), 0f, 0f,
						Bits.ALL);
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

	private List<VectorMatch> exactSearch(VectorFloat<?> unitQuery, int k) throws IOException {
		TopK top = new TopK(k);
		try (var view = graph.getView()) {
			for (int ordinal = 0; ordinal < ids.size(); ordinal++) {
				top.offer(ordinal, HotIndex.SIMILARITY.compare(unitQuery, view.getVector(ordinal)));
			}
		}
		return top.matches(ids::get);
	}

	int size() {
		return ids.size();
	}

	/** All ids with their vectors, read back from the file, for promotion to the hot tier. */
	void readAll(List<UUID> idsOut, List<VectorFloat<?>> vectorsOut) {
		lock.readLock().lock();
		try (var view = graph.getView()) {
			for (int ordinal = 0; ordinal < ids.size(); ordinal++) {
				idsOut.add(ids.get(ordinal));
				vectorsOut.add(Vectors.TYPES.createFloatVector(Vectors.toArray(view.getVector(ordinal))));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			lock.readLock().unlock();
		}
	}

	@Override
	public void close() {
		lock.writeLock().lock();
		try {
			if (!closed) {
				closed = true;
				graph.close();
				readers.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	/** The index was closed (promoted or dropped) between lookup and search. */
	static final class ClosedIndexException extends Exception {

		private static final long serialVersionUID = 1L;

		ClosedIndexException() {
			super(null, null, false, false);
		}
	}
}
