package dev.rampart.sim.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A chat request reduced to what the simulator needs, the same for every API dialect.
 *
 * @param maxTokens    the request's output token limit, if any
 * @param includeUsage whether a stream should report token usage (always true for Anthropic)
 */
record Conversation(String model, String system, List<Turn> turns, List<Tool> tools, @Nullable Integer maxTokens,
                    boolean stream, boolean includeUsage) {

    enum Role { USER, ASSISTANT, TOOL }

    /** One message; a TOOL turn carries tool results (and any text sent alongside them). */
    record Turn(Role role, String text, List<ToolCall> toolCalls, List<ToolResult> toolResults) {

        static Turn user(String text) {
            return new Turn(Role.USER, text, List.of(), List.of());
        }
    }

    /** A tool offered to the model, with its JSON schema for the arguments. */
    record Tool(String name, JsonNode inputSchema) {
    }

    /** A tool call the assistant made earlier in the conversation. */
    record ToolCall(String id, String name, String argumentsJson) {
    }

    /** The result of a tool call, with the tool's name looked up from the call when the protocol omits it. */
    record ToolResult(String callId, String toolName, String content) {
    }

    String lastUserText() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).role() == Role.USER) {
                return turns.get(i).text();
            }
        }
        return "";
    }

    boolean endsWithToolResults() {
        return !turns.isEmpty() && turns.getLast().role() == Role.TOOL;
    }

    /** The results of the run of TOOL turns at the end of the conversation, in order. */
    List<ToolResult> trailingToolResults() {
        int start = turns.size();
        while (start > 0 && turns.get(start - 1).role() == Role.TOOL) {
            start--;
        }
        List<ToolResult> results = new ArrayList<>();
        for (Turn turn : turns.subList(start, turns.size())) {
            results.addAll(turn.toolResults());
        }
        return results;
    }

    int promptTokens() {
        int count = WordTokenizer.count(system);
        for (Turn turn : turns) {
            count += WordTokenizer.count(turn.text());
            for (ToolCall call : turn.toolCalls()) {
                count += 1 + WordTokenizer.count(call.argumentsJson());
            }
            for (ToolResult result : turn.toolResults()) {
                count += WordTokenizer.count(result.content());
            }
        }
        return count + tools.size();
    }
}
