package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.rampart.agents.StepListener;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;

/** The cancel hooks of a run in flight: run once on cancel or loss, at once when late, never after being closed. */
class ExecutionTest {

	private final Execution execution = new Execution(new Fence(TenantId.DEFAULT, UUID.randomUUID(), 1));

	@Test
	void aCancelRunsTheOpenHooksOnceAndNotTheClosedOnes() {
		List<String> ran = new ArrayList<>();
		StepListener.Registration open = execution.onCancel(() -> ran.add("open"));
		StepListener.Registration closed = execution.onCancel(() -> ran.add("closed"));
		closed.close();

		execution.requestCancel();
		execution.requestCancel();
		open.close();

		assertThat(ran).containsExactly("open");
		assertThat(execution.stopping()).isTrue();
	}

	@Test
	void aHookRegisteredAfterTheCancelOrALossRunsAtOnce() {
		List<String> ran = new ArrayList<>();
		execution.lose();

		execution.onCancel(() -> ran.add("late")).close();

		assertThat(ran).containsExactly("late");
	}
}
