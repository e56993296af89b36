package dev.rampart.sim.internal;

import dev.rampart.sim.Fault;
import dev.rampart.sim.LatencyModel;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The request flow shared by every chat API: key check, body, parse, fault decision, reply choice (first
 * matching rule, else the built-in model, else 404), shaping, pacing and writing.
 */
final class ChatEndpoint {

    private final ChatDialect dialect;
    private final SimState state;
    private final InjectedFaults faults;

    ChatEndpoint(ChatDialect dialect, SimState state, InjectedFaults faults) {
        this.dialect = dialect;
        this.state = state;
        this.faults = faults;
    }

    void handle(Exchange exchange) throws IOException, InterruptedException {
        handle(exchange, PathParams.NONE);
    }

    void handle(Exchange exchange, PathParams path) throws IOException, InterruptedException {
        state.apiKeys().check(exchange, dialect.errors(), dialect.keyHeaders());
        JsonNode body = readJson(exchange, state.options().maxBodyBytes());
        Conversation conversation = dialect.parse(body, path);
        RequestScope scope = state.nextRequest();
        RequestCounters counters = state.counters();
        counters.request(dialect.endpoint());
        counters.model(conversation.model());

        CompiledRule rule = state.ruleBook().firstMatch(conversation, dialect.keyHeaders().presented(exchange))
                .orElse(null);
        Fault fault = FaultPicker.pick(exchange.header(FaultPicker.FAULT_HEADER), rule, state.faultRates(),
                scope.random());
        if (fault != null) {
            counters.fault(fault);
            if (faults.replaceReply(exchange, fault, dialect.errors())) {
                return;
            }
        }
        Reply reply = choose(conversation, rule);
        if (rule != null && rule.hasReply()) {
            counters.rule(rule.rule().name());
        }
        Pacing pacing = Pacing.of(exchange, latencyFor(rule), scope.random());
        Reply shaped = ReplyShaper.shape(reply, pacing.tokensPerReply(), conversation.maxTokens());
        if (conversation.stream()) {
            ReplyWriter.stream(exchange, dialect, conversation, shaped, pacing, scope, fault);
        } else {
            ReplyWriter.complete(exchange, dialect, conversation, shaped, pacing, scope, fault);
        }
    }

    private Reply choose(Conversation conversation, @Nullable CompiledRule rule) {
        if (rule != null && rule.hasReply()) {
            return rule.reply();
        }
        Optional<Reply> builtIn = BuiltInModels.reply(conversation);
        return builtIn.orElseThrow(() -> new ApiError(ApiError.Kind.MODEL_NOT_FOUND,
                "The model '" + conversation.model() + "' does not exist. Simulated models: "
                        + String.join(", ", BuiltInModels.CHAT_MODELS) + " (or a model named by a scripted rule).")
                .toException());
    }

    private LatencyModel latencyFor(@Nullable CompiledRule rule) {
        LatencyModel ruleLatency = rule == null ? null : rule.rule().latency();
        return ruleLatency != null ? ruleLatency : state.latency();
    }

    static JsonNode readJson(Exchange exchange, int maxBodyBytes) throws IOException {
        byte[] body = exchange.readBody(maxBodyBytes);
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("The request body must be a JSON object.").toException();
            }
            return node;
        } catch (JacksonException e) {
            throw ApiError.badRequest("The request body is not valid JSON.").toException();
        }
    }
}
