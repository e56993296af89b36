package dev.rampart.shared.embeddings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.jspecify.annotations.Nullable;

/**
 * Sentence embeddings computed in this JVM by the quantized all-MiniLM-L6-v2 model that ships inside
 * the jar (docs/adr/0015): 384 dimensions, unit length (so a dot product is the cosine similarity),
 * no network. The model and its native libraries load on first use (about half a second); the
 * libraries are unpacked under {@code cacheDir}, never in the user's home. Thread-safe.
 *
 * <p>Texts longer than the model's 512 tokens are embedded in parts and averaged, which dilutes
 * them: callers that care about a sentence inside a long text split the text first. A blank text
 * has no meaning to embed and gets the zero vector.
 */
public final class LocalEmbeddings implements AutoCloseable {

	public static final int DIMENSION = 384;

	/** Embeds the texts of one call one after another on the caller's thread: ONNX Runtime already uses every core per text. */
	private static final Executor CALLER = Runnable::run;

	/** How long {@link #close} waits for loads and embeddings in progress. */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

	private final Path cacheDir;
	private volatile @Nullable EmbeddingModel model;
	/** Held shared by every load and embedding, exclusively by {@link #close}. */
	private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
	private volatile boolean closed;

	public LocalEmbeddings(Path cacheDir) {
		this.cacheDir = cacheDir;
	}

	public int dimension() {
		return DIMENSION;
	}

	/** The embedding of one text. */
	public float[] embed(String text) {
		return embedAll(List.of(text)).getFirst();
	}

	/** The embeddings of several texts, in the same order. */
	public List<float[]> embedAll(List<String> texts) {
		List<TextSegment> segments = new ArrayList<>(texts.size());
		for (String text : texts) {
			if (!text.isBlank()) {
				segments.add(TextSegment.from(text));
			}
		}
		List<Embedding> embedded = segments.isEmpty() ? List.of() : whileOpen(() -> loaded().embedAll(segments).content());
		List<float[]> vectors = new ArrayList<>(texts.size());
		int next = 0;
		for (String text : texts) {
			vectors.add(text.isBlank() ? new float[DIMENSION] : embedded.get(next++).vector());
		}
		return vectors;
	}

	/** Loads the model now instead of on the first call (start-up warm-up). */
	public void load() {
		whileOpen(this::loaded);
	}

	/**
	 * Waits up to 30 s for loads and embeddings in progress, then refuses new ones. ONNX Runtime's
	 * native code crashes the JVM (SIGSEGV, exit 134) when its environment is freed while it creates a
	 * session or embeds a text, as a stop during the start-up warm-up did; see {@link ShutdownGuard}.
	 */
	@Override
	public void close() {
		ShutdownGuard.forget(this);
		try {
			if (inUse.writeLock().tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				closed = true;
				inUse.writeLock().unlock();
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		closed = true;
	}

	/** Whether {@link #close} has run: the node is shutting down. */
	public boolean isClosed() {
		return closed;
	}

	private <T> T whileOpen(Supplier<T> work) {
		inUse.readLock().lock();
		try {
			if (closed) {
				throw new IllegalStateException("the in-process embedding model is shut down: the node is stopping");
			}
			return work.get();
		}
		finally {
			inUse.readLock().unlock();
		}
	}

	public boolean isLoaded() {
		return model != null;
	}

	private EmbeddingModel loaded() {
		EmbeddingModel current = model;
		if (current == null) {
			synchronized (this) {
				current = model;
				if (current == null) {
					ShutdownGuard.watch(this); // before loading: ONNX Runtime's own shutdown hook exists from here on
					NativeLibraries.prepare(cacheDir);
					current = new SingleThreadMiniLm(CALLER);
					model = current;
				}
			}
		}
		return current;
	}
}
