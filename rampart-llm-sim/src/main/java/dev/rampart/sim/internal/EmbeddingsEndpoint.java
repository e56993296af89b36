package dev.rampart.sim.internal;

import dev.rampart.sim.Fault;
import dev.rampart.sim.SimulatorOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The request flow shared by every embeddings API, for the model {@code sim-embed}: key check, body, parse,
 * fault decision, model check, the first-token delay, and the dialect's response. Header faults and fault
 * rates apply; rules do not.
 */
final class EmbeddingsEndpoint {

    private final EmbeddingDialect dialect;
    private final SimState state;
    private final InjectedFaults faults;

    EmbeddingsEndpoint(EmbeddingDialect dialect, SimState state, InjectedFaults faults) {
        this.dialect = dialect;
        this.state = state;
        this.faults = faults;
    }

    void handle(Exchange exchange) throws IOException, InterruptedException {
        handle(exchange, PathParams.NONE);
    }

    void handle(Exchange exchange, PathParams path) throws IOException, InterruptedException {
        state.apiKeys().check(exchange, dialect.errors(), dialect.keyHeaders());
        JsonNode body = ChatEndpoint.readJson(exchange, state.options().maxBodyBytes());
        EmbeddingDialect.Call call = dialect.parse(body, path, state.options().embeddingDimensions());
        RequestScope scope = state.nextRequest();
        state.counters().request(dialect.endpoint());
        state.counters().model(call.model());
        Fault fault = FaultPicker.pick(exchange.header(FaultPicker.FAULT_HEADER), null, state.faultRates(), scope.random());
        if (fault != null) {
            state.counters().fault(fault);
            if (faults.replaceReply(exchange, fault, dialect.errors())) {
                return;
            }
        }
        if (!BuiltInModels.EMBED.equals(call.model())) {
            throw new ApiError(ApiError.Kind.MODEL_NOT_FOUND, "The model '" + call.model()
                    + "' does not exist. The simulated embedding model is " + BuiltInModels.EMBED + ".").toException();
        }
        Pacing.sleep(Pacing.of(exchange, state.latency(), scope.random()).firstTokenDelay());
        if (fault == Fault.MALFORMED) {
            exchange.sendJson(200, dialect.malformed(call));
            return;
        }
        List<float[]> vectors = new ArrayList<>(call.inputs().size());
        int tokens = 0;
        for (EmbeddingDialect.Input input : call.inputs()) {
            vectors.add(HashEmbedder.embed(input.text(), input.dimensions()));
            tokens += WordTokenizer.count(input.text());
        }
        byte[] response = dialect.response(call, vectors, tokens);
        if (fault == Fault.TRUNCATE) {
            exchange.sendCutShort(response);
        } else {
            exchange.sendJson(200, response);
        }
    }

    /** Validates a requested vector size; null asks for the default. */
    static int dimensions(JsonNode value, int defaultDimensions, String field) {
        if (value.isMissingNode() || value.isNull()) {
            return defaultDimensions;
        }
        if (!value.isIntegralNumber() || value.asInt() < 1
                || value.asInt() > SimulatorOptions.MAX_EMBEDDING_DIMENSIONS) {
            throw ApiError.badRequest("'" + field + "' must be a whole number within 1.."
                    + SimulatorOptions.MAX_EMBEDDING_DIMENSIONS + ".").toException();
        }
        return value.asInt();
    }
}
