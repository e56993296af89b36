package dev.rampart.agents.step;

import dev.rampart.providers.spi.ModelRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.stereotype.Component;

/**
 * A span and a timer ({@code rampart.agent.model-call}) around each model call of a step, tagged with the round and,
 * once answered, the provider and model that served it; the agent id is a high-cardinality key (span only).
 */
@Component
class StepTracing implements StepInterceptor {

	private final ObservationRegistry observations;

	StepTracing(ObservationRegistry observations) {
		this.observations = observations;
	}

	@Override
	public StepReply around(StepRun run, int round, ModelRequest request, ModelCall next) {
		Observation observation = Observation.createNotStarted("rampart.agent.model-call", observations)
			.highCardinalityKeyValue("agent", run.agent().agentId().toString())
			.highCardinalityKeyValue("round", Integer.toString(round))
			.lowCardinalityKeyValue("tools", request.tools().isEmpty() ? "none" : "offered")
			// every tag set up front, so the timer keeps one tag set whatever happens (Prometheus needs that)
			.lowCardinalityKeyValue("provider", "none")
			.lowCardinalityKeyValue("model", "none")
			.lowCardinalityKeyValue("outcome", "error");
		return observation.observe(() -> {
			StepReply reply = next.call(request);
			if (reply.servedBy() != null) {
				observation.lowCardinalityKeyValue("provider", reply.servedBy().provider());
				observation.lowCardinalityKeyValue("model", reply.servedBy().model());
			}
			observation.lowCardinalityKeyValue("outcome", reply.toolCalls().isEmpty() ? "answer" : "tool_calls");
			return reply;
		});
	}

	@Override
	public int getOrder() {
		return TRACING;
	}
}
