package dev.rampart.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HashEmbedderTest {

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void theSameTextAlwaysGivesTheSameUnitVector() {
        float[] first = HashEmbedder.embed("The cat sat on the mat", 384);
        float[] second = HashEmbedder.embed("The cat sat on the mat", 384);

        assertThat(first).containsExactly(second);
        assertThat(dot(first, first)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void textsSharingWordsAreCloserThanUnrelatedTexts() {
        float[] cat = HashEmbedder.embed("the cat sat on the mat", 384);
        float[] similar = HashEmbedder.embed("a cat on a mat", 384);
        float[] unrelated = HashEmbedder.embed("quarterly revenue grew strongly", 384);

        assertThat(dot(cat, similar)).isGreaterThan(dot(cat, unrelated));
    }

    @Test
    void textWithoutWordsStillGetsAUnitVector() {
        float[] vector = HashEmbedder.embed("", 8);

        assertThat(vector).hasSize(8);
        assertThat(dot(vector, vector)).isCloseTo(1.0, within(1e-5));
    }
}
