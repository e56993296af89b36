package dev.rampart.agents.step;

import java.util.ArrayList;
import java.util.List;

import dev.rampart.memory.ScoredMemory;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelMessage.Role;
import dev.rampart.providers.spi.ModelRequest;
import org.springframework.stereotype.Component;

/**
 * Puts the memories a step retrieved right after the instructions, as one system message marked {@link Origin#MEMORY}:
 * a memory may hold earlier untrusted text, so the gateway screens it like user input. Added to each call's request,
 * never to the conversation, so a long tool loop does not repeat them.
 */
@Component
class MemoryInjection implements StepInterceptor {

	@Override
	public StepReply around(StepRun run, int round, ModelRequest request, ModelCall next) {
		List<ScoredMemory> memories = run.memories();
		if (memories.isEmpty()) {
			return next.call(request);
		}
		StringBuilder text = new StringBuilder("What you remember that may be relevant (from earlier conversations):");
		memories.forEach(memory -> text.append("\n- ").append(memory.memory().text()));
		List<ModelMessage> messages = new ArrayList<>(request.messages());
		int at = messages.isEmpty() || messages.getFirst().role() != Role.SYSTEM ? 0 : 1;
		messages.add(at, new ModelMessage(Role.SYSTEM, text.toString(), Origin.MEMORY));
		return next.call(request.withMessages(messages));
	}

	@Override
	public int getOrder() {
		return MEMORY;
	}
}
