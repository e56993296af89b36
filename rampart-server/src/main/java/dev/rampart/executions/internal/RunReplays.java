package dev.rampart.executions.internal;

import java.util.UUID;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code POST /runs/{id}/replay} (docs/runs.md, "Recording and replay"): a new run of an ended run's kind, target, pinned
 * version and input with {@code replay_of} naming it, which the workers execute answering every model call, tool call
 * and workflow tool step from the original's recorded steps ({@link RunTapes}). It starts with the original's answers
 * (tool approvals, approval and wait answers, pinned sub-workflow versions), so it does not wait where the original was
 * answered; it belongs to no thread (it is not a message of the original's thread).
 */
@Component
public class RunReplays {

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final JdbcRuns runs;
	private final RunSignals signals;

	RunReplays(JdbcClient jdbc, TenantTransactions transactions, JdbcRuns runs, RunSignals signals) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.runs = runs;
		this.signals = signals;
	}

	/**
	 * Queues the replay of run {@code id}.
	 *
	 * @param principal who asks ({@code user:<id>} or {@code api-key:<id>}); the replay's owner
	 * @throws RampartException {@code RESOURCE_NOT_FOUND} for no such run in the tenant, {@code RUN_NOT_ENDED} for a
	 *     run that has not ended
	 */
	public StoredRun replay(TenantId tenant, UUID id, String principal) {
		StoredRun created = transactions.inTenant(tenant, () -> {
			StoredRun run = runs.get(tenant, id);
			if (!StoredRun.ENDED.contains(run.status())) {
				throw new RampartException(ErrorCode.RUN_NOT_ENDED, "The run has status '" + run.status()
						+ "'; only a run that has ended (" + String.join(", ", StoredRun.ENDED) + ") can be replayed.");
			}
			String answers = jdbc.sql("""
					select coalesce((select jsonb_object_agg(key, value) from jsonb_each(checkpoint)
						where key = 'approvals' or key like 'answer:%' or key like 'child:%'), '{}')::text
					from runs where tenant_id = :tenant and id = :id""")
				.param("tenant", tenant.value()).param("id", id)
				.query(String.class).single();
			return runs.insert(new JdbcRuns.NewRun(tenant, run.kind(), run.targetId(), run.targetVersion(), run.input(), null,
					run.userId(), run.priority(), principal, null, ""), id, answers);
		});
		signals.wake();
		return created;
	}
}
