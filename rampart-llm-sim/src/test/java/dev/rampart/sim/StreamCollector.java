package dev.rampart.sim;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Collects a LangChain4j stream and lets the test wait for its end, with a hang guard. */
final class StreamCollector implements StreamingChatResponseHandler {

    private static final long GUARD_SECONDS = 30;

    private final List<String> partials = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    @Override
    public void onPartialResponse(String partial) {
        partials.add(partial);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    List<String> partials() {
        return partials;
    }

    ChatResponse awaitResponse() {
        try {
            return done.get(GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("stream did not complete normally", e);
        }
    }

    Throwable awaitError() {
        try {
            ChatResponse response = done.get(GUARD_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected an error, got " + response);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("stream did not end", e);
        }
    }
}
