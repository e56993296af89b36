package dev.rampart.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordTokenizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "one", "Hello there, world", "  leading and trailing  ", "tabs\tand\nnew lines\n\n", " "})
    void tokensConcatenateBackToTheOriginalTextAndCountMatchesTheSplit(String text) {
        var tokens = WordTokenizer.split(text);

        assertThat(String.join("", tokens)).isEqualTo(text);
        assertThat(WordTokenizer.count(text)).isEqualTo(tokens.size());
    }

    @org.junit.jupiter.api.Test
    void aWordKeepsTheWhitespaceThatFollowsIt() {
        assertThat(WordTokenizer.split("Hi  there\n")).containsExactly("Hi  ", "there\n");
    }
}
