package dev.rampart.sim.internal;

import dev.rampart.sim.ScriptRule;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** A {@link ScriptRule} with its regex compiled once, when the rule is set, not per request. */
record CompiledRule(ScriptRule rule, @Nullable Pattern lastUserPattern, Reply reply) {

    static CompiledRule of(ScriptRule rule) {
        Pattern pattern = null;
        String regex = rule.match().lastUserRegex();
        if (regex != null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("rule '" + rule.name() + "': invalid lastUserRegex: " + e.getDescription(), e);
            }
        }
        return new CompiledRule(rule, pattern, replyOf(rule));
    }

    private static Reply replyOf(ScriptRule rule) {
        List<Reply.Call> calls = rule.reply().toolCalls().stream()
                .map(call -> new Reply.Call(call.name(), Json.MAPPER.writeValueAsString(call.arguments())))
                .toList();
        String text = rule.reply().text();
        Reply.FinishReason finish = calls.isEmpty() ? Reply.FinishReason.STOP : Reply.FinishReason.TOOL_CALLS;
        return new Reply(text == null ? "" : text, calls, finish, rule.name(), rule.reply().streamPieceChars());
    }

    /** False for a rule that only injects a fault; when the fault misses, the model answers as usual. */
    boolean hasReply() {
        return rule.reply().text() != null || !rule.reply().toolCalls().isEmpty();
    }

    boolean matches(Conversation conversation, List<String> apiKeys) {
        ScriptRule.Match match = rule.match();
        if (match.apiKey() != null && !apiKeys.contains(match.apiKey())) {
            return false;
        }
        if (match.model() != null && !match.model().equals(conversation.model())) {
            return false;
        }
        if (match.afterToolResult() != null && match.afterToolResult() != conversation.endsWithToolResults()) {
            return false;
        }
        if (match.systemContains() != null && !conversation.system().contains(match.systemContains())) {
            return false;
        }
        String lastUser = conversation.lastUserText();
        if (match.lastUserContains() != null && !lastUser.contains(match.lastUserContains())) {
            return false;
        }
        return lastUserPattern == null || lastUserPattern.matcher(lastUser).find();
    }
}
