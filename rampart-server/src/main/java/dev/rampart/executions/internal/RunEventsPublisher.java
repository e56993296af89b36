package dev.rampart.executions.internal;

import java.util.List;
import java.util.UUID;

import dev.rampart.executions.events.RunEventsAppended;
import dev.rampart.executions.events.RunTokens;
import dev.rampart.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells live delivery that a run's log grew, only once the write committed: inside a transaction the event waits for
 * its commit (and is dropped on rollback), outside one it goes at once. Listeners are in-memory and must not block.
 */
@Component
class RunEventsPublisher {

	private final ApplicationEventPublisher events;

	RunEventsPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	void appended(TenantId tenant, UUID runId, long lastSeq, boolean terminal) {
		appended(tenant, runId, lastSeq, terminal, List.of());
	}

	void appended(TenantId tenant, UUID runId, long lastSeq, boolean terminal, List<RunEventsAppended.Written> written) {
		RunEventsAppended appended = new RunEventsAppended(tenant, runId, lastSeq, terminal, written);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					events.publishEvent(appended);
				}
			});
		}
		else {
			events.publishEvent(appended);
		}
	}

	void tokens(TenantId tenant, UUID runId, String text) {
		events.publishEvent(new RunTokens(tenant, runId, text));
	}
}
