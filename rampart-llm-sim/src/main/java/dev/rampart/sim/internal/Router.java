package dev.rampart.sim.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes requests to the endpoints and turns failures into errors in the caller's dialect. It is a blocking
 * handler, so Jetty runs it on a virtual thread.
 */
final class Router extends Handler.Abstract {

    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

    private final ChatEndpoint openAiChat;
    private final ChatEndpoint anthropicMessages;
    private final EmbeddingsEndpoint embeddings;
    private final ModelsEndpoint models;
    private final AdminEndpoints admin;

    Router(ChatEndpoint openAiChat, ChatEndpoint anthropicMessages, EmbeddingsEndpoint embeddings,
           ModelsEndpoint models, AdminEndpoints admin) {
        this.openAiChat = openAiChat;
        this.anthropicMessages = anthropicMessages;
        this.embeddings = embeddings;
        this.models = models;
        this.admin = admin;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        String path = exchange.path();
        try {
            route(exchange, path, exchange.method());
        } catch (ApiException e) {
            answerError(exchange, e.error(), path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.fail(e);
        } catch (IOException e) {
            // Usually the client went away mid-request; nothing can be sent any more.
            exchange.fail(e);
        } catch (RuntimeException e) {
            answerError(exchange, new ApiError(ApiError.Kind.SERVER_ERROR, "Internal simulator error."), path);
        }
        return true;
    }

    private void route(Exchange exchange, String path, String method) throws IOException, InterruptedException {
        switch (path) {
            case "/v1/chat/completions", "/chat/completions" -> {
                requireMethod(method, "POST");
                openAiChat.handle(exchange);
            }
            case "/v1/messages" -> {
                requireMethod(method, "POST");
                anthropicMessages.handle(exchange);
            }
            case "/v1/embeddings", "/embeddings" -> {
                requireMethod(method, "POST");
                embeddings.handle(exchange);
            }
            case "/v1/models" -> {
                requireMethod(method, "GET");
                models.list(exchange);
            }
            case "/sim/health" -> {
                requireMethod(method, "GET");
                exchange.sendJson(200, HEALTH);
            }
            default -> {
                if (path.startsWith("/v1/models/")) {
                    requireMethod(method, "GET");
                    models.one(exchange, path.substring("/v1/models/".length()));
                } else if (path.startsWith(AdminEndpoints.PREFIX)) {
                    admin.handle(exchange);
                } else {
                    throw new ApiError(ApiError.Kind.NOT_FOUND, "Unknown path " + path + ".").toException();
                }
            }
        }
    }

    private void answerError(Exchange exchange, ApiError error, String path) {
        if (exchange.isCommitted()) {
            exchange.fail(new IllegalStateException(error.message()));
            return;
        }
        ErrorShape shape;
        if (path.equals("/v1/messages")) {
            shape = anthropicMessages.errors();
        } else if (path.equals("/v1/models") || path.startsWith("/v1/models/")) {
            shape = ModelsEndpoint.errors(exchange);
        } else {
            shape = openAiChat.errors();
        }
        exchange.sendError(error, shape);
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new ApiError(ApiError.Kind.METHOD_NOT_ALLOWED, "Use " + expected + " for this path.").toException();
        }
    }
}
