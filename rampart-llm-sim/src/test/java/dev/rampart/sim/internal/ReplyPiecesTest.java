package dev.rampart.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.sim.ScriptRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyPiecesTest {

    private static List<String> texts(Reply reply) {
        return reply.pieces().stream().map(piece -> ((Reply.TextPiece) piece).text()).toList();
    }

    @Test
    void wordsLongerThanThePieceSizeStreamInPiecesThatConcatenateBackAndCostTheSameTokens() {
        Reply reply = new Reply("key sk-proj-0123456789 ok", List.of(), Reply.FinishReason.STOP, "r", 8);

        assertThat(texts(reply)).containsExactly("key ", "sk-proj-", "01234567", "89 ", "ok");
        assertThat(String.join("", texts(reply))).isEqualTo(reply.text());
        assertThat(reply.completionTokens()).isEqualTo(3);
    }

    @Test
    void withoutAPieceSizeWholeWordsStream() {
        assertThat(texts(new Reply("key sk-proj-0123456789", List.of(), Reply.FinishReason.STOP, null)))
                .containsExactly("key ", "sk-proj-0123456789");
    }

    @Test
    void aRuleCarriesItsPieceSizeIntoItsReplyAndItsJson() {
        ScriptRule rule = ScriptRule.builder("split").replyText("a b").streamPieceChars(4).build();

        assertThat(CompiledRule.of(rule).reply().pieceChars()).isEqualTo(4);
        assertThat(RuleJson.rules(RuleJson.rules(List.of(rule))).getFirst().reply().streamPieceChars()).isEqualTo(4);
    }
}
