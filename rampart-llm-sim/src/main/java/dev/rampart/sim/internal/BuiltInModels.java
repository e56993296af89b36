package dev.rampart.sim.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The models the simulator knows without rules: {@code sim-echo} repeats the last user message,
 * {@code sim-tools} calls every offered tool once and then reports the tool results, and
 * {@code sim-embed} is the embedding model.
 */
final class BuiltInModels {

    static final String ECHO = "sim-echo";
    static final String TOOLS = "sim-tools";
    static final String EMBED = "sim-embed";
    static final List<String> CHAT_MODELS = List.of(ECHO, TOOLS);
    static final List<String> ALL = List.of(ECHO, TOOLS, EMBED);

    private BuiltInModels() {
    }

    static Optional<Reply> reply(Conversation conversation) {
        return switch (conversation.model()) {
            case ECHO -> Optional.of(text(conversation.lastUserText()));
            case TOOLS -> Optional.of(toolsReply(conversation));
            default -> Optional.empty();
        };
    }

    private static Reply toolsReply(Conversation conversation) {
        if (conversation.endsWithToolResults()) {
            return text(conversation.trailingToolResults().stream()
                    .map(result -> result.toolName() + ": " + result.content())
                    .collect(Collectors.joining("\n")));
        }
        if (conversation.tools().isEmpty()) {
            return text(conversation.lastUserText());
        }
        List<Reply.Call> calls = conversation.tools().stream()
                .map(tool -> new Reply.Call(tool.name(), Json.string(SchemaSampler.sample(tool.inputSchema()))))
                .toList();
        return new Reply("", calls, Reply.FinishReason.TOOL_CALLS, null);
    }

    private static Reply text(String text) {
        return new Reply(text, List.of(), Reply.FinishReason.STOP, null);
    }
}
