package dev.rampart.executions.events;

import java.util.UUID;

import dev.rampart.executions.internal.JournalWrites;
import dev.rampart.shared.TenantId;
import org.springframework.context.ApplicationContext;

/**
 * Test support for modules that may only see {@code executions :: events} (live delivery): a real run row and its
 * events written through the node's journal, as a worker writes them ({@link JournalWrites}).
 */
public final class RunLogFixture {

	private final JournalWrites writes;

	public RunLogFixture(ApplicationContext node) {
		this.writes = new JournalWrites(node);
	}

	/** A running run of {@code tenant} started by {@code createdBy} ({@code user:<id>}). */
	public UUID running(TenantId tenant, String createdBy) {
		return writes.running(tenant, createdBy);
	}

	/** See {@link JournalWrites#append}. */
	public void append(TenantId tenant, UUID run, long from, long to, int batch, int padding, boolean finish) {
		writes.append(tenant, run, from, to, batch, padding, finish);
	}
}
