package dev.rampart.sim.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into word tokens that keep their trailing whitespace, so the tokens concatenate back to the
 * original text. Usage counts and streaming chunks are both based on these tokens; it is a stand-in for a
 * real tokenizer, cheap enough to run on every request.
 */
final class WordTokenizer {

    private WordTokenizer() {
    }

    static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = endOfToken(text, start);
            tokens.add(text.substring(start, end));
            start = end;
        }
        return tokens;
    }

    static int count(String text) {
        int count = 0;
        int start = 0;
        while (start < text.length()) {
            start = endOfToken(text, start);
            count++;
        }
        return count;
    }

    /** A token is leading whitespace (only at the very start), then a word, then the whitespace after it. */
    private static int endOfToken(String text, int start) {
        int i = start;
        int length = text.length();
        while (i < length && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        while (i < length && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        while (i < length && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
