package dev.rampart.executions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The journal's one-statement transitions ({@link RunJournal}: the tenant's binding, the fenced update, the steps and
 * events in one round trip and one transaction) keep every guarantee of the fenced writes: a stale token writes nothing
 * and is told so, a failing transition leaves nothing behind, the rows pass forced row-level security (the application
 * role sees and writes a run only under its tenant's binding), a caller's transaction is joined; and the heartbeat
 * extends leases in chunks, each run's fencing checked separately. On a node with no workers, so nothing else touches the
 * fixtures.
 */
@ServerTest
@TestPropertySource(properties = "rampart.runs.workers=0")
class RunJournalIT {

	private final RunJournal journal;
	private final RunQueue queue;
	private final TenantTransactions transactions;
	private final JdbcClient owner;
	private final JdbcClient app;

	@Autowired
	RunJournalIT(RunJournal journal, RunQueue queue, TenantTransactions transactions, DataSource dataSource) {
		this.journal = journal;
		this.queue = queue;
		this.transactions = transactions;
		this.owner = DatabaseOwner.jdbc(dataSource);
		this.app = JdbcClient.create(dataSource);
	}

	@Test
	void aTransitionWritesItsStepsEventsAndCheckpointAtOnceAndAStaleTokenWritesNothing() {
		Fence fence = running(5);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

		journal.advance(fence, null, new RunJournal.Delta(Map.of("attempt:a", 1, "phase", "forward"), List.of()),
				List.of(event(3, "step_started", now), event(4, "step_finished", now)),
				List.of(new RunJournal.Step(1, "transform", "a", "succeeded", null, Map.of("n", 1), 1, now, now),
						new RunJournal.Step(2, "transform", "b", "succeeded", Map.of("in", "x"), null, 1, now, null)));
		journal.advance(fence, "compensating", new RunJournal.Delta(Map.of(), List.of("attempt:a")), List.of(), List.of());
		Fence stale = new Fence(fence.tenant(), fence.runId(), 4);
		assertThatThrownBy(() -> journal.record(stale, List.of(event(5, "late", now)),
				List.of(new RunJournal.Step(3, "transform", "c", "succeeded", null, null, 1, now, now))))
			.isInstanceOf(StaleFenceException.class);
		assertThatThrownBy(() -> journal.advance(stale, "running", new RunJournal.Delta(Map.of("x", 1), List.of()),
				List.of(), List.of())).isInstanceOf(StaleFenceException.class);
		assertThatThrownBy(() -> journal.suspend(stale, "test", "queued", null, null, RunJournal.Delta.NONE, List.of(), List.of()))
			.isInstanceOf(StaleFenceException.class);
		assertThatThrownBy(() -> journal.finish(stale, "test", new RunJournal.Ending("failed", null, null, null, Map.of("code", "X")),
				List.of(), List.of())).isInstanceOf(StaleFenceException.class);

		assertThat(owner.sql("select seq || ':' || type from run_events where run_id = :id order by seq")
			.param("id", fence.runId()).query(String.class).list()).containsExactly("3:step_started", "4:step_finished");
		assertThat(owner.sql("""
				select index || ':' || name || ':' || coalesce(input::text, '-') || ':' || coalesce(output::text, '-') || ':'
					|| (started_at = :now) || ':' || coalesce((ended_at = :now)::text, '-')
				from run_steps where run_id = :id order by index""")
			.param("id", fence.runId()).param("now", RunRows.at(now)).query(String.class).list())
			.containsExactly("1:a:-:{\"n\": 1}:true:true", "2:b:{\"in\": \"x\"}:-:true:-");
		assertThat(owner.sql("select status || ' ' || checkpoint::text from runs where id = :id").param("id", fence.runId())
			.query(String.class).single()).isEqualTo("compensating {\"phase\": \"forward\"}");
	}

	@Test
	void aTransitionThatFailsLeavesNothingBehind() {
		Fence fence = running(1);
		Instant now = Instant.now();
		journal.record(fence, List.of(event(1, "first", now)), List.of());

		// the step would go in, but the event's seq is taken: the whole transition rolls back
		assertThatThrownBy(() -> journal.advance(fence, "compensating", new RunJournal.Delta(Map.of("k", 1), List.of()),
				List.of(event(1, "again", now)),
				List.of(new RunJournal.Step(1, "transform", "a", "succeeded", null, null, 1, now, now))))
			.isInstanceOf(DataIntegrityViolationException.class);

		assertThat(owner.sql("select count(*) from run_steps where run_id = :id").param("id", fence.runId())
			.query(Integer.class).single()).isZero();
		assertThat(owner.sql("select status || ' ' || checkpoint::text from runs where id = :id").param("id", fence.runId())
			.query(String.class).single()).isEqualTo("running {}");
		// and the connection it used is fine for the next transition
		journal.record(fence, List.of(event(2, "second", now)), List.of());
		assertThat(owner.sql("select count(*) from run_events where run_id = :id").param("id", fence.runId())
			.query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void theTenantsBindingIsInEffectForTheWholeTransition() {
		Fence fence = running(2);
		Instant now = Instant.now();
		// the run's own tenant: the update sees the row and the inserts pass the policies' check (forced row-level
		// security: without the binding in effect the application role would see no run and every write would be stale)
		journal.record(fence, List.of(event(1, "mine", now)), List.of());
		// another tenant's binding does not see this tenant's run, whatever token it names
		Fence foreign = new Fence(new TenantId(UUID.randomUUID()), fence.runId(), 2);
		assertThatThrownBy(() -> journal.record(foreign, List.of(event(2, "theirs", now)), List.of()))
			.isInstanceOf(StaleFenceException.class);
		// the binding ends with the transition's transaction: the next transaction on the pool is not bound to it
		assertThat(app.sql("select coalesce(current_setting('rampart.tenant_id', true), '')").query(String.class).single())
			.isEmpty();
		assertThat(owner.sql("select count(*) from run_events where run_id = :id").param("id", fence.runId())
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void insideACallersTransactionATransitionJoinsItAndRollsBackWithIt() {
		Fence fence = running(3);
		Instant now = Instant.now();

		assertThatThrownBy(() -> transactions.inTenant(TenantId.DEFAULT, (Runnable) () -> {
			journal.record(fence, List.of(event(1, "rolled back", now)), List.of());
			throw new IllegalStateException("the caller fails");
		})).isInstanceOf(IllegalStateException.class);
		transactions.inTenant(TenantId.DEFAULT, () -> journal.record(fence, List.of(event(1, "kept", now)), List.of()));

		assertThat(owner.sql("select type from run_events where run_id = :id").param("id", fence.runId())
			.query(String.class).list()).containsExactly("kept");
	}

	@Test
	void aQueuedSuspensionAndAFinishGiveUpTheLease() {
		Fence retried = running(1);
		Fence finished = running(1);
		Instant now = Instant.now();

		journal.suspend(retried, "test", "queued", null, null, RunJournal.Delta.NONE, List.of(event(1, "step_retrying", now)),
				List.of());
		journal.finish(finished, "test", new RunJournal.Ending("succeeded", Map.of("answer", 42), null, null, null),
				List.of(event(1, "run_succeeded", now)), List.of());

		assertThat(owner.sql("select status || ' ' || coalesce(lease_owner, '-') from runs where id = :id")
			.param("id", retried.runId()).query(String.class).single()).isEqualTo("queued -");
		assertThat(owner.sql("select status || ' ' || output::text || ' ' || (ended_at is not null) from runs where id = :id")
			.param("id", finished.runId()).query(String.class).single()).isEqualTo("succeeded {\"answer\": 42} true");
	}

	@Test
	void theHeartbeatExtendsLeasesInChunksCheckingEachRunsTokenAndTellsOfCancelsAndLosses() {
		int runs = RunQueue.EXTEND_CHUNK * 2 + 17;
		List<Fence> fences = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			fences.add(running(1));
		}
		// in the middle chunk, one run was taken over (its token moved on) and one was asked to cancel
		Fence lost = fences.get(RunQueue.EXTEND_CHUNK + 3);
		Fence cancelled = fences.get(RunQueue.EXTEND_CHUNK + 4);
		owner.sql("update runs set fencing_token = 2 where id = :id").param("id", lost.runId()).update();
		owner.sql("update runs set cancel_requested = true where id = :id").param("id", cancelled.runId()).update();

		Map<UUID, RunQueue.LeaseState> states = queue.extend(fences, Duration.ofHours(2));

		assertThat(states).hasSize(runs);
		assertThat(states.get(lost.runId())).isEqualTo(RunQueue.LeaseState.LOST);
		assertThat(states.get(cancelled.runId())).isEqualTo(RunQueue.LeaseState.CANCEL_REQUESTED);
		assertThat(states.values().stream().filter(state -> state == RunQueue.LeaseState.HELD)).hasSize(runs - 2);
		assertThat(owner.sql("select count(*) from runs where created_by = 'user:journal-test'"
				+ " and lease_expires_at > now() + interval '90 minutes'").query(Integer.class).single()).isEqualTo(runs - 1);
	}

	/** A workflow run of the default tenant that a worker holds with {@code token}. */
	private Fence running(long token) {
		UUID run = UUID.randomUUID();
		owner.sql("""
				insert into runs (tenant_id, id, kind, target_id, target_version, input, status, attempt, lease_owner,
					lease_expires_at, fencing_token, created_at, created_by, started_at, updated_at)
				values (:tenant, :id, 'workflow', :target, 1, '{}', 'running', 1, 'journal-test', now() + interval '1 hour',
					:token, now(), 'user:journal-test', now(), now())""")
			.param("tenant", TenantId.DEFAULT.value()).param("id", run).param("target", UUID.randomUUID())
			.param("token", token)
			.update();
		return new Fence(TenantId.DEFAULT, run, token);
	}

	private static RunJournal.Event event(long seq, String type, Instant at) {
		return new RunJournal.Event(seq, type, Map.of("seq", seq), at);
	}
}
