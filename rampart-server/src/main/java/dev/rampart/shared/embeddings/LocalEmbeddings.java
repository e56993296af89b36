package dev.rampart.shared.embeddings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
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
public final class LocalEmbeddings {

	public static final int DIMENSION = 384;

	/** Embeds the texts of one call one after another on the caller's thread: ONNX Runtime already uses every core per text. */
	private static final Executor CALLER = Runnable::run;

	private final Path cacheDir;
	private volatile @Nullable EmbeddingModel model;

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
		List<Embedding> embedded = segments.isEmpty() ? List.of() : loaded().embedAll(segments).content();
		List<float[]> vectors = new ArrayList<>(texts.size());
		int next = 0;
		for (String text : texts) {
			vectors.add(text.isBlank() ? new float[DIMENSION] : embedded.get(next++).vector());
		}
		return vectors;
	}

	/** Loads the model now instead of on the first call (start-up warm-up). */
	public void load() {
		loaded();
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
					NativeLibraries.prepare(cacheDir);
					current = new AllMiniLmL6V2QuantizedEmbeddingModel(CALLER);
					model = current;
				}
			}
		}
		return current;
	}
}
