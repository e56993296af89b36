package dev.rampart.memory.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code memories.embedding} column: float32, little-endian, no header. A byte array rather than {@code real[]}
 * so that a cold rebuild of 100,000 vectors copies bytes instead of parsing 38 million numbers from text.
 */
final class VectorBytes {

	private VectorBytes() {
	}

	static byte[] encode(float[] vector) {
		ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(vector);
		return buffer.array();
	}

	static float[] decode(byte[] bytes) {
		float[] vector = new float[bytes.length / Float.BYTES];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
		return vector;
	}

	/** Cosine similarity; 0 when either vector is all zeros or their lengths differ. */
	static float cosine(float[] a, float[] b) {
		if (a.length != b.length) {
			return 0;
		}
		double dot = 0;
		double na = 0;
		double nb = 0;
		for (int i = 0; i < a.length; i++) {
			dot += (double) a[i] * b[i];
			na += (double) a[i] * a[i];
			nb += (double) b[i] * b[i];
		}
		return na == 0 || nb == 0 ? 0 : (float) (dot / Math.sqrt(na * nb));
	}
}
