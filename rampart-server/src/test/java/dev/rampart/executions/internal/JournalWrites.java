package dev.rampart.executions.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.shared.TenantId;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For tests outside executions (through {@code executions.events.RunLogFixture}): a real run row held by a pretend worker, and its events written through the node's
 * {@link RunJournal} (fenced transactions that publish {@code RunEventsAppended} after commit), as a run in flight
 * writes them.
 */
public final class JournalWrites {

	private final RunJournal journal;
	private final JdbcClient owner;

	public JournalWrites(ApplicationContext node) {
		this.journal = node.getBean(RunJournal.class);
		this.owner = DatabaseOwner.jdbc(node.getBean(DataSource.class));
	}

	/** A running workflow run of {@code tenant} started by {@code createdBy} ({@code user:<id>}). */
	public UUID running(TenantId tenant, String createdBy) {
		UUID run = UUID.randomUUID();
		owner.sql("""
				insert into runs (tenant_id, id, kind, target_id, target_version, input, status, attempt, lease_owner,
					lease_expires_at, fencing_token, created_at, created_by, started_at, updated_at)
				values (:tenant, :id, 'workflow', :target, 1, '{}', 'running', 1, 'live-test', now() + interval '1 hour',
					1, now(), :by, now(), now())""")
			.param("tenant", tenant.value()).param("id", run).param("target", UUID.randomUUID()).param("by", createdBy)
			.update();
		return run;
	}

	/**
	 * Appends events {@code from}..{@code to} in transactions of {@code batch}, each with {@code padding} characters of
	 * prose; when {@code finish}, the last one is the closing {@code run_succeeded} written with the run's result.
	 */
	public void append(TenantId tenant, UUID run, long from, long to, int batch, int padding, boolean finish) {
		Fence fence = new Fence(tenant, run, 1);
		String words = "lorem ipsum dolor sit amet, ".repeat(padding / 28 + 1);
		String pad = words.substring(0, padding);
		List<RunJournal.Event> events = new ArrayList<>();
		for (long seq = from; seq <= to; seq++) {
			boolean closing = finish && seq == to;
			events.add(new RunJournal.Event(seq, closing ? "run_succeeded" : "step_finished",
					Map.of("n", seq, "pad", pad), Instant.now()));
			if (closing) {
				journal.finish(fence, new RunJournal.Ending("succeeded", Map.of("ok", true), null, null, null),
						List.copyOf(events), List.of());
				events.clear();
			}
			else if (events.size() == batch) {
				journal.record(fence, List.copyOf(events), List.of());
				events.clear();
			}
		}
		if (!events.isEmpty()) {
			journal.record(fence, List.copyOf(events), List.of());
		}
	}
}
