package dev.rampart.sim.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the assistant answers, before any dialect renders it: text first, then tool calls.
 *
 * @param ruleName the scripted rule that produced it, or null for a built-in model
 * @param pieceChars when positive, streamed words longer than this are cut into pieces of this size
 */
record Reply(String text, List<Call> calls, FinishReason finish, @Nullable String ruleName, int pieceChars) {

    Reply(String text, List<Call> calls, FinishReason finish, @Nullable String ruleName) {
        this(text, calls, finish, ruleName, 0);
    }

    /** Size of the argument pieces a streamed tool call is cut into, like the few characters real APIs send. */
    private static final int ARGUMENT_PIECE_CHARS = 8;

    /** How each API names the finish reasons; Ollama and Gemini report a tool call as an ordinary stop. */
    enum FinishReason {
        STOP("stop", "end_turn", "stop", "STOP"),
        TOOL_CALLS("tool_calls", "tool_use", "stop", "STOP"),
        LENGTH("length", "max_tokens", "length", "MAX_TOKENS");

        final String openAi;
        final String anthropic;
        final String ollama;
        final String gemini;

        FinishReason(String openAi, String anthropic, String ollama, String gemini) {
            this.openAi = openAi;
            this.anthropic = anthropic;
            this.ollama = ollama;
            this.gemini = gemini;
        }
    }

    /** A tool call to make; ids are given by the dialect when rendering. */
    record Call(String name, String argumentsJson) {
    }

    /** A unit of streaming: each is sent in its own chunk and costs one completion token. */
    sealed interface Piece {
    }

    record TextPiece(String text) implements Piece {
    }

    record CallStart(int index, Call call) implements Piece {
    }

    record ArgumentsPiece(int index, String json) implements Piece {
    }

    List<Piece> pieces() {
        List<Piece> pieces = new ArrayList<>();
        for (String token : WordTokenizer.split(text)) {
            if (pieceChars <= 0 || token.length() <= pieceChars) {
                pieces.add(new TextPiece(token));
                continue;
            }
            for (int start = 0; start < token.length(); start += pieceChars) {
                pieces.add(new TextPiece(token.substring(start, Math.min(token.length(), start + pieceChars))));
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            pieces.add(new CallStart(i, call));
            String json = call.argumentsJson();
            for (int start = 0; start < json.length(); start += ARGUMENT_PIECE_CHARS) {
                pieces.add(new ArgumentsPiece(i, json.substring(start, Math.min(json.length(), start + ARGUMENT_PIECE_CHARS))));
            }
        }
        return pieces;
    }

    int completionTokens() {
        int count = WordTokenizer.count(text);
        for (Call call : calls) {
            count += 1 + (call.argumentsJson().length() + ARGUMENT_PIECE_CHARS - 1) / ARGUMENT_PIECE_CHARS;
        }
        return count;
    }
}
