package dev.rampart.sim.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request/response pair on Jetty's core API. Handlers run on virtual threads, so the blocking
 * methods here park a virtual thread, never a platform thread. The Jetty callback is completed exactly once.
 */
final class Exchange {

    private static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    static final String NDJSON = "application/x-ndjson";

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile boolean bodyRead;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    String method() {
        return request.getMethod();
    }

    String path() {
        String path = request.getHttpURI().getPath();
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Nullable String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The first value of a query parameter, or null when the URL does not carry it. */
    @Nullable String queryParameter(String name) {
        return Request.extractQueryParameters(request).getValue(name);
    }

    /** Reads the whole body, refusing anything larger than {@code maxBytes} with a 413. */
    byte[] readBody(int maxBytes) throws IOException {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            bodyRead = true;
            return body;
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiError(ApiError.Kind.TOO_LARGE, "Request body exceeds " + maxBytes + " bytes.").toException();
    }

    void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    org.eclipse.jetty.http.HttpFields.Mutable headers() {
        return response.getHeaders();
    }

    /**
     * Sends a complete JSON response without blocking; completes the exchange. When the request's body was
     * not read (an error found before reading it), the response closes the connection: otherwise Jetty might
     * close it after the response anyway, while the client already reuses it for its next request.
     */
    void sendJson(int status, byte[] body) {
        response.setStatus(status);
        if (!bodyRead && hasBody()) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body), Callback.from(this::succeed, this::fail));
    }

    private boolean hasBody() {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    void sendError(ApiError error, ErrorShape shape) {
        sendJson(error.status(), shape.body(error));
    }

    /**
     * Commits the headers of a stream ({@link #EVENT_STREAM} or {@link #NDJSON}); with {@code closeAfter} the
     * connection ends with it.
     */
    void startStream(String contentType, boolean closeAfter) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        if (closeAfter) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    /** Writes and flushes, parking until the bytes are handed to the network. */
    void write(String text, boolean last) throws IOException {
        writeBlocking(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), last);
    }

    private void writeBlocking(ByteBuffer buffer, boolean last) throws IOException {
        try (Blocker.Callback blocker = Blocker.callback()) {
            response.write(last, buffer, blocker);
            blocker.block();
        }
    }

    /** Declares the full length of a JSON body, sends only its first half, then closes the connection. */
    void sendCutShort(byte[] body) throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length));
        writeBlocking(ByteBuffer.wrap(body, 0, body.length / 2), false);
        endPoint().close();
        fail(new EofException("simulated truncation"));
    }

    /** Closes the TCP connection with a reset (SO_LINGER 0) and no response at all. */
    void resetConnection() {
        EndPoint endPoint = endPoint();
        if (endPoint.getTransport() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | UnsupportedOperationException e) {
                // The connection is still closed below, just with a FIN instead of a RST.
            }
        }
        endPoint.close();
        fail(new EofException("simulated connection reset"));
    }

    /**
     * Leaves the request unanswered without holding any thread: a timer closes the connection after
     * {@code cap}, unless Jetty reports the request failed first (for example the server stopping).
     */
    void stall(Scheduler scheduler, Duration cap) {
        request.addIdleTimeoutListener(timeout -> false);
        Scheduler.Task closer = scheduler.schedule(() -> {
            endPoint().close();
            fail(new EofException("simulated stall ended"));
        }, cap.toMillis(), TimeUnit.MILLISECONDS);
        request.addFailureListener(failure -> {
            closer.cancel();
            fail(failure);
        });
    }

    void succeed() {
        if (completed.compareAndSet(false, true)) {
            callback.succeeded();
        }
    }

    void fail(Throwable failure) {
        if (completed.compareAndSet(false, true)) {
            callback.failed(failure);
        }
    }

    boolean isCommitted() {
        return response.isCommitted();
    }

    private EndPoint endPoint() {
        return request.getConnectionMetaData().getConnection().getEndPoint();
    }
}
