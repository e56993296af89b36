package dev.rampart.sim.internal;

import dev.rampart.sim.Fault;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a reply at the pace of the latency model, as one JSON body or as a stream, and applies the faults
 * that corrupt a reply rather than replace it ({@code truncate}, {@code malformed}).
 */
final class ReplyWriter {

    private ReplyWriter() {
    }

    static void complete(Exchange exchange, ChatDialect dialect, Conversation conversation, Reply reply,
                         Pacing pacing, RequestScope scope, @Nullable Fault fault)
            throws IOException, InterruptedException {
        Pacing.sleep(pacing.totalFor(reply.completionTokens()));
        if (fault == Fault.MALFORMED) {
            exchange.sendJson(200, dialect.malformedCompletion(conversation, scope));
        } else if (fault == Fault.TRUNCATE) {
            exchange.sendCutShort(dialect.completion(conversation, reply, scope));
        } else {
            exchange.sendJson(200, dialect.completion(conversation, reply, scope));
        }
    }

    /**
     * Streams token by token, flushing before every delay. A truncated stream sends about half of the tokens
     * and then ends the body cleanly without the terminator, on a connection marked to close.
     */
    static void stream(Exchange exchange, ChatDialect dialect, Conversation conversation, Reply reply,
                       Pacing pacing, RequestScope scope, @Nullable Fault fault)
            throws IOException, InterruptedException {
        StreamEncoder encoder = dialect.streamEncoder(conversation, reply, scope);
        List<Reply.Piece> pieces = reply.pieces();
        int limit = fault == Fault.TRUNCATE ? pieces.size() / 2 : pieces.size();
        SseBuffer out = new SseBuffer(exchange);
        exchange.startStream(encoder.contentType(), fault == Fault.TRUNCATE);
        Pacing.sleep(pacing.firstTokenDelay());
        encoder.begin(out);
        if (fault == Fault.MALFORMED && pieces.isEmpty()) {
            encoder.brokenEvent(out);
        }
        for (int i = 0; i < limit; i++) {
            if (i > 0) {
                long delay = pacing.interTokenDelay();
                if (delay > 0) {
                    out.flush();
                    Pacing.sleep(delay);
                }
            }
            encoder.piece(pieces.get(i), out);
            if (i == 0 && fault == Fault.MALFORMED) {
                encoder.brokenEvent(out);
            }
        }
        if (fault != Fault.TRUNCATE) {
            encoder.end(out);
        }
        out.finish();
        exchange.succeed();
    }
}
