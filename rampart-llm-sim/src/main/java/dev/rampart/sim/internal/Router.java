package dev.rampart.sim.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes requests to the endpoints of each API dialect and turns failures into errors in the caller's dialect,
 * chosen by the path. It is a blocking handler, so Jetty runs it on a virtual thread.
 */
final class Router extends Handler.Abstract {

    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final String GEMINI_MODELS = "/v1beta/models/";
    private static final String AZURE_DEPLOYMENTS = "/openai/deployments/";

    private final ChatEndpoint openAiChat;
    private final ChatEndpoint anthropicMessages;
    private final ChatEndpoint ollamaChat;
    private final ChatEndpoint geminiChat;
    private final ChatEndpoint azureChat;
    private final EmbeddingsEndpoint openAiEmbeddings;
    private final EmbeddingsEndpoint ollamaEmbeddings;
    private final EmbeddingsEndpoint geminiEmbedding;
    private final EmbeddingsEndpoint geminiBatchEmbeddings;
    private final EmbeddingsEndpoint azureEmbeddings;
    private final ModelsEndpoint models;
    private final AdminEndpoints admin;

    Router(SimState state, InjectedFaults faults, Clock clock) {
        OpenAiChat openAi = new OpenAiChat(clock);
        this.openAiChat = new ChatEndpoint(openAi, state, faults);
        this.anthropicMessages = new ChatEndpoint(new AnthropicChat(), state, faults);
        this.ollamaChat = new ChatEndpoint(new OllamaChat(clock), state, faults);
        this.geminiChat = new ChatEndpoint(new GeminiChat(), state, faults);
        this.azureChat = new ChatEndpoint(new AzureChat(openAi), state, faults);
        this.openAiEmbeddings = new EmbeddingsEndpoint(OpenAiEmbeddings.OPENAI, state, faults);
        this.ollamaEmbeddings = new EmbeddingsEndpoint(OllamaEmbeddings.INSTANCE, state, faults);
        this.geminiEmbedding = new EmbeddingsEndpoint(GeminiEmbeddings.SINGLE, state, faults);
        this.geminiBatchEmbeddings = new EmbeddingsEndpoint(GeminiEmbeddings.BATCH, state, faults);
        this.azureEmbeddings = new EmbeddingsEndpoint(OpenAiEmbeddings.AZURE, state, faults);
        this.models = new ModelsEndpoint(state);
        this.admin = new AdminEndpoints(state);
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
                openAiEmbeddings.handle(exchange);
            }
            case "/v1/models" -> {
                requireMethod(method, "GET");
                models.list(exchange);
            }
            case "/api/chat" -> {
                requireMethod(method, "POST");
                ollamaChat.handle(exchange);
            }
            case "/api/embed" -> {
                requireMethod(method, "POST");
                ollamaEmbeddings.handle(exchange);
            }
            case "/api/tags" -> {
                requireMethod(method, "GET");
                models.ollamaTags(exchange);
            }
            case "/v1beta/models" -> {
                requireMethod(method, "GET");
                models.geminiList(exchange);
            }
            case "/sim/health" -> {
                requireMethod(method, "GET");
                exchange.sendJson(200, HEALTH);
            }
            default -> {
                if (path.startsWith("/v1/models/")) {
                    requireMethod(method, "GET");
                    models.one(exchange, path.substring("/v1/models/".length()));
                } else if (path.startsWith(GEMINI_MODELS)) {
                    routeGemini(exchange, path.substring(GEMINI_MODELS.length()), method);
                } else if (path.startsWith(AZURE_DEPLOYMENTS)) {
                    routeAzure(exchange, path.substring(AZURE_DEPLOYMENTS.length()), method);
                } else if (path.startsWith(AdminEndpoints.PREFIX)) {
                    admin.handle(exchange);
                } else {
                    throw notFound(path);
                }
            }
        }
    }

    /** {@code {model}} (model info) or {@code {model}:{action}}. */
    private void routeGemini(Exchange exchange, String rest, String method) throws IOException, InterruptedException {
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            requireMethod(method, "GET");
            models.geminiOne(exchange, rest);
            return;
        }
        String model = rest.substring(0, colon);
        String action = rest.substring(colon + 1);
        requireMethod(method, "POST");
        switch (action) {
            case "generateContent" -> geminiChat.handle(exchange, new PathParams(model, false));
            case "streamGenerateContent" -> {
                if (!"sse".equals(exchange.queryParameter("alt"))) {
                    throw ApiError.badRequest("This simulator streams Gemini replies only as server-sent events: "
                            + "add ?alt=sse to the URL.").toException();
                }
                geminiChat.handle(exchange, new PathParams(model, true));
            }
            case "embedContent" -> geminiEmbedding.handle(exchange, new PathParams(model, false));
            case "batchEmbedContents" -> geminiBatchEmbeddings.handle(exchange, new PathParams(model, false));
            default -> throw notFound(GEMINI_MODELS + rest);
        }
    }

    /** {@code {deployment}/chat/completions} or {@code {deployment}/embeddings}, with a required api-version. */
    private void routeAzure(Exchange exchange, String rest, String method) throws IOException, InterruptedException {
        int slash = rest.indexOf('/');
        String deployment = slash < 0 ? "" : rest.substring(0, slash);
        String operation = slash < 0 ? "" : rest.substring(slash + 1);
        EndpointCall call = switch (operation) {
            case "chat/completions" -> azureChat::handle;
            case "embeddings" -> azureEmbeddings::handle;
            default -> throw notFound(AZURE_DEPLOYMENTS + rest);
        };
        if (deployment.isBlank()) {
            throw notFound(AZURE_DEPLOYMENTS + rest);
        }
        requireMethod(method, "POST");
        String apiVersion = exchange.queryParameter("api-version");
        if (apiVersion == null || apiVersion.isBlank()) {
            throw ApiError.badRequest("Missing required query parameter 'api-version' "
                    + "(for example ?api-version=2024-10-21).").toException();
        }
        call.handle(exchange, new PathParams(deployment, false));
    }

    /** An endpoint that takes its model from the path. */
    @FunctionalInterface
    private interface EndpointCall {
        void handle(Exchange exchange, PathParams path) throws IOException, InterruptedException;
    }

    private void answerError(Exchange exchange, ApiError error, String path) {
        if (exchange.isCommitted()) {
            exchange.fail(new IllegalStateException(error.message()));
            return;
        }
        exchange.sendError(error, errorShape(exchange, path));
    }

    /** Every error answers in the shape of the API the path belongs to; the admin endpoints use OpenAI's. */
    private static ErrorShape errorShape(Exchange exchange, String path) {
        if (path.equals("/v1/messages")) {
            return AnthropicErrors.INSTANCE;
        } else if (path.equals("/v1/models") || path.startsWith("/v1/models/")) {
            return ModelsEndpoint.errors(exchange);
        } else if (path.startsWith("/api/")) {
            return OllamaErrors.INSTANCE;
        } else if (path.equals("/v1beta") || path.startsWith("/v1beta/")) {
            return GeminiErrors.INSTANCE;
        }
        return OpenAiErrors.INSTANCE;
    }

    private static ApiException notFound(String path) {
        return new ApiError(ApiError.Kind.NOT_FOUND, "Unknown path " + path + ".").toException();
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new ApiError(ApiError.Kind.METHOD_NOT_ALLOWED, "Use " + expected + " for this path.").toException();
        }
    }
}
