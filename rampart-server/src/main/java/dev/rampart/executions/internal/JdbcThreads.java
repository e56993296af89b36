package dev.rampart.executions.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import dev.rampart.agents.Turn;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The threads of a tenant (docs/runs.md, "Threads"): conversations with an agent whose messages are agent runs carrying
 * the thread's id in {@code runs.thread_id}. Keeps the thread rows, answers a thread's messages (its runs, oldest
 * first) and the history a new message's run gives the model, and decides, under a lock on the thread's row inside the
 * enqueue's transaction, whether a message may join a busy thread. Another tenant's thread is "not found".
 */
@Component
public class JdbcThreads {

	public static final int MAX_PAGE = 200;
	/** The statuses of a run that keep its thread busy. */
	static final String ACTIVE = "('queued', 'running', 'waiting', 'compensating')";
	private static final String COLUMNS = "id, agent_id, title, user_id, busy_policy, created_at, created_by, updated_at";

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final RunRows rows;

	JdbcThreads(JdbcClient jdbc, TenantTransactions transactions, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.rows = new RunRows(json);
	}

	/** Creates a thread of {@code agentId}; the caller has checked the agent exists and may be run. */
	public StoredThread create(TenantId tenant, UUID agentId, @Nullable String title, @Nullable String userId,
			String busyPolicy, String principal) {
		UUID id = UuidV7.next(clock);
		Instant now = clock.instant();
		transactions.inTenant(tenant, () -> jdbc.sql("""
				insert into threads (tenant_id, id, agent_id, title, user_id, busy_policy, created_at, created_by, updated_at)
				values (:tenant, :id, :agent, :title, :user, :policy, :now, :by, :now)""")
			.param("tenant", tenant.value()).param("id", id).param("agent", agentId).param("title", title)
			.param("user", userId).param("policy", busyPolicy).param("now", RunRows.at(now)).param("by", principal)
			.update());
		return get(tenant, id);
	}

	/** The thread, or {@code RESOURCE_NOT_FOUND}. */
	public StoredThread get(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + COLUMNS + " from threads where tenant_id = :tenant"
				+ " and id = :id")
			.param("tenant", tenant.value()).param("id", id)
			.query((rs, n) -> thread(rs))
			.optional())
			.orElseThrow(() -> notFound(id));
	}

	/** Threads newest first, of one agent or all. */
	public StoredThread.Page page(TenantId tenant, @Nullable UUID agent, @Nullable UUID after, int limit) {
		List<StoredThread> items = transactions.inTenant(tenant, () -> jdbc.sql("select " + COLUMNS
				+ " from threads where tenant_id = :tenant"
				+ (agent == null ? "" : " and agent_id = :agent")
				+ (after == null ? "" : " and id < :after")
				+ " order by id desc limit :limit")
			.param("tenant", tenant.value()).param("agent", agent).param("after", after).param("limit", limit + 1)
			.query((rs, n) -> thread(rs))
			.list());
		return items.size() > limit ? new StoredThread.Page(items.subList(0, limit), items.get(limit - 1).id())
				: new StoredThread.Page(items, null);
	}

	/** Deletes the thread; its runs stay (with their thread id). */
	public void delete(TenantId tenant, UUID id) {
		int deleted = transactions.inTenant(tenant, () -> jdbc.sql("delete from threads where tenant_id = :tenant and id = :id")
			.param("tenant", tenant.value()).param("id", id)
			.update());
		if (deleted == 0) {
			throw notFound(id);
		}
	}

	/** The thread's runs that keep it busy (queued, running, waiting or compensating), oldest first. */
	public List<UUID> activeRuns(TenantId tenant, UUID id) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select id from runs where tenant_id = :tenant"
				+ " and thread_id = :thread and status in " + ACTIVE + " order by id")
			.param("tenant", tenant.value()).param("thread", id.toString())
			.query(UUID.class).list());
	}

	/**
	 * Inside the enqueue's transaction: locks the thread's row (so two messages to one thread decide one after the other)
	 * and, for a {@code reject} thread with a run still active, refuses the message.
	 *
	 * @throws RampartException {@code RESOURCE_NOT_FOUND} when the thread was deleted meanwhile, {@code THREAD_BUSY}
	 */
	public void admitMessage(TenantId tenant, UUID id) {
		String policy = jdbc.sql("select busy_policy from threads where tenant_id = :tenant and id = :id for update")
			.param("tenant", tenant.value()).param("id", id)
			.query(String.class).optional().orElseThrow(() -> notFound(id));
		if (policy.equals("reject") && jdbc.sql("select exists (select 1 from runs where tenant_id = :tenant"
				+ " and thread_id = :thread and status in " + ACTIVE + ")")
			.param("tenant", tenant.value()).param("thread", id.toString())
			.query(Boolean.class).single()) {
			throw new RampartException(ErrorCode.THREAD_BUSY, "Thread " + id + " has a run queued, running or waiting.");
		}
	}

	/** The thread's messages (its runs) oldest first, after the run {@code after}, at most {@code limit}. */
	public List<StoredRun> messages(TenantId tenant, UUID id, @Nullable UUID after, int limit) {
		get(tenant, id);
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + RunRows.RUN_COLUMNS + " from runs"
				+ " where tenant_id = :tenant and thread_id = :thread" + (after == null ? "" : " and id > :after")
				+ " order by id limit :limit")
			.param("tenant", tenant.value()).param("thread", id.toString()).param("after", after).param("limit", limit)
			.query((rs, n) -> rows.run(rs))
			.list());
	}

	/**
	 * The turns a run of thread {@code threadId} gives the model: input and answer of the thread's succeeded agent runs
	 * created before {@code run}, the newest {@code limit} of them, oldest first.
	 */
	List<Turn> history(TenantId tenant, String threadId, UUID run, int limit) {
		if (limit == 0) {
			return List.of();
		}
		List<Turn> turns = new ArrayList<>(transactions.inTenant(tenant, () -> jdbc.sql("""
				select input #>> '{}' as input, output #>> '{}' as output from runs
				where tenant_id = :tenant and thread_id = :thread and id < :run and kind = 'agent' and status = 'succeeded'
					and output is not null
				order by id desc limit :limit""")
			.param("tenant", tenant.value()).param("thread", threadId).param("run", run).param("limit", limit)
			.query((rs, n) -> new Turn(rs.getString("input"), rs.getString("output")))
			.list()));
		Collections.reverse(turns);
		return turns;
	}

	private static StoredThread thread(ResultSet rs) throws SQLException {
		return new StoredThread(rs.getObject("id", UUID.class), rs.getObject("agent_id", UUID.class), rs.getString("title"),
				rs.getString("user_id"), rs.getString("busy_policy"), RunRows.required(rs, "created_at"),
				rs.getString("created_by"), RunRows.required(rs, "updated_at"));
	}

	static RampartException notFound(UUID id) {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No thread with id '" + id + "' in this tenant.");
	}
}
