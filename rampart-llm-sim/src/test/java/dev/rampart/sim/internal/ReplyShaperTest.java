package dev.rampart.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyShaperTest {

    private static Reply text(String text) {
        return new Reply(text, List.of(), Reply.FinishReason.STOP, null);
    }

    @Test
    void tokensPerReplyPadsShortRepliesToExactlyThatManyTokens() {
        Reply shaped = ReplyShaper.shape(text("Hello"), 20, null);

        assertThat(WordTokenizer.count(shaped.text())).isEqualTo(20);
        assertThat(shaped.text()).startsWith("Hello ");
        assertThat(shaped.finish()).isEqualTo(Reply.FinishReason.STOP);
    }

    @Test
    void tokensPerReplyCutsLongRepliesWithoutReportingALengthFinish() {
        Reply shaped = ReplyShaper.shape(text("one two three four"), 2, null);

        assertThat(shaped.text()).isEqualTo("one two");
        assertThat(shaped.finish()).isEqualTo(Reply.FinishReason.STOP);
    }

    @Test
    void maxTokensCutsTheTextAndReportsALengthFinish() {
        Reply shaped = ReplyShaper.shape(text("one two three four"), 0, 3);

        assertThat(shaped.text()).isEqualTo("one two three");
        assertThat(shaped.finish()).isEqualTo(Reply.FinishReason.LENGTH);
    }

    @Test
    void repliesWithinTheLimitsAreLeftAlone() {
        Reply reply = text("one two");

        assertThat(ReplyShaper.shape(reply, 0, 10)).isSameAs(reply);
    }

    @Test
    void toolCallRepliesAreNotPadded() {
        Reply calls = new Reply("", List.of(new Reply.Call("f", "{}")), Reply.FinishReason.TOOL_CALLS, null);

        assertThat(ReplyShaper.shape(calls, 50, null).text()).isEmpty();
    }

    @Test
    void streamingPiecesCostOneCompletionTokenEach() {
        Reply reply = new Reply("a b c", List.of(new Reply.Call("f", "{\"city\":\"Paris\"}")),
                Reply.FinishReason.TOOL_CALLS, null);

        assertThat(reply.pieces()).hasSize(reply.completionTokens());
    }
}
