package dev.rampart.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A scripted reply: when a conversation matches, the simulator answers with this rule's text and/or
 * tool calls instead of the model's built-in behaviour. Rules are tried in order; the first match wins.
 *
 * @param name      shown in stats and admin listings
 * @param match     which conversations the rule applies to (all conditions must hold)
 * @param reply     what the assistant answers
 * @param latency   replaces the global latency model for matching requests, when set
 * @param fault     injected into matching requests with probability {@code faultRate}, when set
 * @param faultRate probability of {@code fault}, 0..1
 */
public record ScriptRule(String name, Match match, Reply reply, @Nullable LatencyModel latency,
                         @Nullable Fault fault, double faultRate) {

    public ScriptRule {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(reply, "reply");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
        if (!(faultRate >= 0 && faultRate <= 1)) {
            throw new IllegalArgumentException("rule '" + name + "': faultRate must be within 0..1");
        }
        if (fault == null && reply.text() == null && reply.toolCalls().isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "' needs a reply text, tool calls or a fault");
        }
    }

    /**
     * Conditions on the conversation; a null condition always holds.
     *
     * @param model            exact model name of the request
     * @param lastUserContains substring of the last user message's text
     * @param lastUserRegex    regular expression found ({@code find}, not full match) in the last user message
     * @param systemContains   substring of the system prompt
     * @param afterToolResult  true: the last message is a tool result; false: it is not
     * @param apiKey           the request carries this API key (any dialect's key header); set from Java only,
     *                         so a key never appears in rule files or the admin API
     */
    public record Match(@Nullable String model, @Nullable String lastUserContains, @Nullable String lastUserRegex,
                        @Nullable String systemContains, @Nullable Boolean afterToolResult, @Nullable String apiKey) {

        public static final Match ANY = new Match(null, null, null, null, null, null);

        public Match(@Nullable String model, @Nullable String lastUserContains, @Nullable String lastUserRegex,
                     @Nullable String systemContains, @Nullable Boolean afterToolResult) {
            this(model, lastUserContains, lastUserRegex, systemContains, afterToolResult, null);
        }
    }

    /**
     * The assistant's answer: text, tool calls, or both (text first).
     *
     * @param streamPieceChars when positive, a streamed word longer than this is sent in pieces of at most this
     *                         many characters (as real tokenizers cut long words), so a client sees one word
     *                         arrive over several chunks; 0 streams whole words. Usage counts are unchanged.
     */
    public record Reply(@Nullable String text, List<ToolCall> toolCalls, int streamPieceChars) {

        public Reply {
            toolCalls = List.copyOf(toolCalls);
            if (streamPieceChars < 0) {
                throw new IllegalArgumentException("streamPieceChars must be >= 0, got " + streamPieceChars);
            }
        }

        public Reply(@Nullable String text, List<ToolCall> toolCalls) {
            this(text, toolCalls, 0);
        }
    }

    /** A tool call the assistant makes; the arguments are sent as a JSON object. */
    public record ToolCall(String name, Map<String, @Nullable Object> arguments) {

        public ToolCall {
            arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a rule fluently; unset conditions match anything. */
    public static final class Builder {
        private final String name;
        private @Nullable String model;
        private @Nullable String lastUserContains;
        private @Nullable String lastUserRegex;
        private @Nullable String systemContains;
        private @Nullable String apiKey;
        private @Nullable Boolean afterToolResult;
        private @Nullable String text;
        private final List<ToolCall> toolCalls = new ArrayList<>();
        private @Nullable LatencyModel latency;
        private @Nullable Fault fault;
        private double faultRate = 1.0;
        private int streamPieceChars;

        private Builder(String name) {
            this.name = name;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        /** Only requests carrying this API key match (Java only; to fail or script one key of several). */
        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        public Builder lastUserContains(String value) {
            this.lastUserContains = value;
            return this;
        }

        public Builder lastUserRegex(String value) {
            this.lastUserRegex = value;
            return this;
        }

        public Builder systemContains(String value) {
            this.systemContains = value;
            return this;
        }

        public Builder afterToolResult(boolean value) {
            this.afterToolResult = value;
            return this;
        }

        public Builder replyText(String value) {
            this.text = value;
            return this;
        }

        public Builder toolCall(String toolName, Map<String, @Nullable Object> arguments) {
            toolCalls.add(new ToolCall(toolName, arguments));
            return this;
        }

        /** Streams words longer than {@code value} characters in pieces (see {@link Reply#streamPieceChars()}). */
        public Builder streamPieceChars(int value) {
            this.streamPieceChars = value;
            return this;
        }

        public Builder latency(LatencyModel value) {
            this.latency = value;
            return this;
        }

        public Builder fault(Fault value, double rate) {
            this.fault = value;
            this.faultRate = rate;
            return this;
        }

        public ScriptRule build() {
            Match match = new Match(model, lastUserContains, lastUserRegex, systemContains, afterToolResult, apiKey);
            return new ScriptRule(name, match, new Reply(text, toolCalls, streamPieceChars), latency, fault, faultRate);
        }
    }
}
