package dev.rampart.sim.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Fits a reply to the latency model's {@code tokensPerReply} (load tests want replies of a known size) and
 * to the request's {@code max_tokens}, which cuts the text and reports a length finish like real APIs.
 */
final class ReplyShaper {

    private static final String[] FILLER = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do "
            + "eiusmod tempor incididunt ut labore et dolore magna aliqua").split(" ");

    private ReplyShaper() {
    }

    static Reply shape(Reply reply, int tokensPerReply, @Nullable Integer maxTokens) {
        String text = reply.text();
        if (tokensPerReply > 0 && reply.calls().isEmpty()) {
            text = fit(text, tokensPerReply);
        }
        if (maxTokens != null && maxTokens >= 0 && WordTokenizer.count(text) > maxTokens) {
            return new Reply(cut(text, maxTokens), List.of(), Reply.FinishReason.LENGTH, reply.ruleName(), reply.pieceChars());
        }
        return text.equals(reply.text()) ? reply : new Reply(text, reply.calls(), reply.finish(), reply.ruleName(), reply.pieceChars());
    }

    static String fit(String text, int tokens) {
        String base = text.isBlank() ? "" : text;
        int have = WordTokenizer.count(base);
        if (have >= tokens) {
            return cut(base, tokens);
        }
        StringBuilder padded = new StringBuilder(base);
        if (!base.isEmpty() && !Character.isWhitespace(base.charAt(base.length() - 1))) {
            padded.append(' ');
        }
        for (int i = 0; i < tokens - have; i++) {
            if (i > 0) {
                padded.append(' ');
            }
            padded.append(FILLER[i % FILLER.length]);
        }
        return padded.toString();
    }

    private static String cut(String text, int tokens) {
        List<String> all = WordTokenizer.split(text);
        return String.join("", all.subList(0, Math.min(tokens, all.size()))).stripTrailing();
    }
}
