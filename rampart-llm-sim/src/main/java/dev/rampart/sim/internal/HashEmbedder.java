package dev.rampart.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic embeddings: every lower-cased word seeds a pseudo-random vector from its 64-bit hash, the
 * text's vector is their sum, L2-normalized. Same text, same vector, on any machine; texts sharing words
 * point in similar directions, which is enough for retrieval tests to rank sensibly.
 */
final class HashEmbedder {

    private HashEmbedder() {
    }

    static float[] embed(String text, int dimensions) {
        double[] sum = new double[dimensions];
        List<String> words = words(text);
        if (words.isEmpty()) {
            words = List.of(text);
        }
        for (String word : words) {
            SplittableRandom random = new SplittableRandom(fnv1a64(word));
            for (int i = 0; i < dimensions; i++) {
                sum[i] += random.nextDouble(-1.0, 1.0);
            }
        }
        double norm = 0;
        for (double value : sum) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (norm == 0 ? (i == 0 ? 1 : 0) : sum[i] / norm);
        }
        return vector;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean wordChar = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return words;
    }

    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
