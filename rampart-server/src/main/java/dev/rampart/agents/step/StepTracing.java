package dev.rampart.agents.step;

import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.spi.ModelRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.stereotype.Component;

/**
 * A span and a timer ({@code rampart.agent.model-call}) around each model call of a step, tagged with the round and,
 * once answered, the provider and model that served it; the agent id is a high-cardinality key (span only). The span
 * carries the OpenTelemetry GenAI attributes ({@code gen_ai.system} is the provider's type, e.g. {@code openai},
 * {@code gen_ai.request.model}, {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens},
 * {@code gen_ai.response.finish_reasons}); the prompt and the answer are not recorded.
 */
@Component
class StepTracing implements StepInterceptor {

	private final ObservationRegistry observations;
	private final ProviderRegistry providers;

	StepTracing(ObservationRegistry observations, ProviderRegistry providers) {
		this.observations = observations;
		this.providers = providers;
	}

	@Override
	public StepReply around(StepRun run, int round, ModelRequest request, ModelCall next) {
		Observation observation = Observation.createNotStarted("rampart.agent.model-call", observations)
			.contextualName("chat")
			.highCardinalityKeyValue("agent", run.agent().agentId().toString())
			.highCardinalityKeyValue("agent.id", run.agent().agentId().toString())
			.highCardinalityKeyValue("tenant.id", run.invocation().tenant().toString())
			.highCardinalityKeyValue("round", Integer.toString(round))
			.highCardinalityKeyValue("gen_ai.operation.name", "chat")
			.lowCardinalityKeyValue("tools", request.tools().isEmpty() ? "none" : "offered")
			// every tag set up front, so the timer keeps one tag set whatever happens (Prometheus needs that)
			.lowCardinalityKeyValue("provider", "none")
			.lowCardinalityKeyValue("model", "none")
			.lowCardinalityKeyValue("outcome", "error");
		return observation.observe(() -> {
			StepReply reply = next.call(request);
			if (reply.servedBy() != null) {
				String provider = reply.servedBy().provider();
				observation.lowCardinalityKeyValue("provider", provider);
				observation.lowCardinalityKeyValue("model", reply.servedBy().model());
				observation.highCardinalityKeyValue("gen_ai.system", providers.find(run.invocation().tenant(), provider)
					.map(found -> found.type().wireName()).orElse(provider));
				observation.highCardinalityKeyValue("gen_ai.request.model", reply.servedBy().model());
				observation.highCardinalityKeyValue("gen_ai.response.model", reply.servedBy().model());
				observation.highCardinalityKeyValue("rampart.cache.hit", Boolean.toString(reply.servedBy().cached()));
			}
			observation.highCardinalityKeyValue("gen_ai.usage.input_tokens", Integer.toString(reply.usage().inputTokens()));
			observation.highCardinalityKeyValue("gen_ai.usage.output_tokens", Integer.toString(reply.usage().outputTokens()));
			observation.highCardinalityKeyValue("gen_ai.response.finish_reasons",
					reply.finishReason() != null ? reply.finishReason() : reply.toolCalls().isEmpty() ? "stop" : "tool_calls");
			observation.lowCardinalityKeyValue("outcome", reply.toolCalls().isEmpty() ? "answer" : "tool_calls");
			return reply;
		});
	}

	@Override
	public int getOrder() {
		return TRACING;
	}
}
