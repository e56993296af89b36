package dev.rampart.memory.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.memory.Memories;
import dev.rampart.memory.Memory;
import dev.rampart.memory.MemoryPage;
import dev.rampart.memory.MemoryProperties;
import dev.rampart.memory.MemoryQuery;
import dev.rampart.memory.MemoryScopes;
import dev.rampart.memory.MemoryStats;
import dev.rampart.memory.NewMemory;
import dev.rampart.memory.ScoredMemory;
import dev.rampart.memory.VectorIndexes;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link Memories} over the {@code memories} table and the tiered vector index. Rows are written first (the source of
 * truth), then the index; an index write that fails drops the agent's index, so the next use rebuilds it from the rows.
 * Every statement filters by tenant and agent and runs in a transaction bound to the tenant (row-level security).
 */
final class JdbcMemories implements Memories {

	static final int MAX_TEXT = 8_000;

	static final int MAX_PAGE = 200;

	private static final Logger log = LoggerFactory.getLogger(JdbcMemories.class);

	private final JdbcClient jdbc;

	private final TenantTransactions transactions;

	private final Clock clock;

	private final VectorIndexes indexes;

	private final MemoryEmbedder embedder;

	private final Eviction eviction;

	private final MemorySearch search;

	JdbcMemories(JdbcClient jdbc, TenantTransactions transactions, Clock clock, VectorIndexes indexes,
			MemoryEmbedder embedder, MemoryProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.indexes = indexes;
		this.embedder = embedder;
		this.eviction = new Eviction(jdbc, properties);
		this.search = new MemorySearch(jdbc, transactions, clock, indexes, embedder, properties.oversampling());
	}

	private record Saved(Memory memory, List<UUID> evicted) {
	}

	@Override
	public Memory save(TenantId tenant, UUID agentId, NewMemory memory) {
		String text = checked(memory);
		float importance = memory.importance() != null ? memory.importance() : Importance.estimate(text);
		String hash = sha256(text);
		String model = memory.settings().embeddingModel();
		Optional<Memory> touched = transactions.inTenant(tenant, () -> touch(tenant, agentId, memory.scope(), hash,
				model, importance));
		if (touched.isPresent()) {
			return touched.get();
		}
		float[] vector = embedder.embed(tenant, memory.settings(), text);
		Instant now = now();
		UUID id = UuidV7.next(clock);
		Saved saved = transactions.inTenant(tenant, () -> {
			lockAgent(tenant, agentId);
			Memory row = jdbc.sql("""
					insert into memories (id, tenant_id, agent_id, scope, text, embedding, embedding_model, importance,
						created_at, last_accessed_at, access_count, source, run_id, content_hash)
					values (:id, :tenant, :agent, :scope, :text, :embedding, :model, :importance, :now, :now, 0, :source,
						:runId, :hash)
					on conflict (tenant_id, agent_id, scope, content_hash) do update
					set embedding = excluded.embedding, embedding_model = excluded.embedding_model,
						importance = greatest(memories.importance, excluded.importance),
						last_accessed_at = excluded.last_accessed_at
					returning\s""" + MemoryRows.COLUMNS)
				.param("id", id)
				.param("tenant", tenant.value())
				.param("agent", agentId)
				.param("scope", memory.scope())
				.param("text", text)
				.param("embedding", VectorBytes.encode(vector))
				.param("model", model)
				.param("importance", importance)
				.param("now", Timestamp.from(now))
				.param("source", memory.source().wireName())
				.param("runId", memory.runId())
				.param("hash", hash)
				.query(MemoryRows::memory)
				.single();
			List<UUID> evicted = eviction.enforce(tenant, agentId, memory.settings().capacity(), row.id(), now);
			return new Saved(row, evicted);
		});
		try {
			var index = indexes.of(tenant, agentId);
			index.add(saved.memory().id(), vector);
			saved.evicted().forEach(index::remove);
		}
		catch (RuntimeException ex) {
			log.warn("Vector index of agent {} missed a write; dropping it to rebuild from PostgreSQL: {}", agentId,
					ex.toString());
			indexes.drop(tenant, agentId);
		}
		return saved.memory();
	}

	/** The same text in the same scope, embedded by the same model, is touched instead of saved again. */
	private Optional<Memory> touch(TenantId tenant, UUID agentId, String scope, String hash, String model,
			float importance) {
		return jdbc.sql("""
				update memories set last_accessed_at = :now, importance = greatest(importance, :importance)
				where tenant_id = :tenant and agent_id = :agent and scope = :scope and content_hash = :hash
					and embedding_model = :model
				returning\s""" + MemoryRows.COLUMNS)
			.param("now", Timestamp.from(now()))
			.param("importance", importance)
			.param("tenant", tenant.value())
			.param("agent", agentId)
			.param("scope", scope)
			.param("hash", hash)
			.param("model", model)
			.query(MemoryRows::memory)
			.optional();
	}

	/** Serialises the saves of one agent, so that two concurrent saves cannot both evict for the same excess. */
	private void lockAgent(TenantId tenant, UUID agentId) {
		jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) locked")
			.param("key", "memories:" + tenant + ":" + agentId)
			.query(Integer.class)
			.single();
	}

	@Override
	public List<ScoredMemory> search(TenantId tenant, UUID agentId, MemoryQuery query) {
		if (!query.scopes().stream().allMatch(MemoryScopes::isValid)) {
			throw new InvalidFieldsException("scope", "must be empty, thread:<id> or user:<id>");
		}
		return search.search(tenant, agentId, query);
	}

	@Override
	public MemoryPage list(TenantId tenant, UUID agentId, @Nullable String scope, @Nullable String cursor, int limit) {
		int size = Math.clamp(limit, 1, MAX_PAGE);
		MemoryRows.Cursor after = cursor == null ? null : MemoryRows.Cursor.decode(cursor);
		if (cursor != null && after == null) {
			throw new InvalidFieldsException("cursor", "must be the nextCursor of a previous page");
		}
		List<Memory> rows = transactions.inTenant(tenant, () -> jdbc.sql("select " + MemoryRows.COLUMNS + """
				 from memories
				where tenant_id = :tenant and agent_id = :agent
					and (cast(:scope as text) is null or scope = :scope)
					and (cast(:afterAt as timestamptz) is null or (created_at, id) < (:afterAt, :afterId))
				order by created_at desc, id desc
				limit :limit""")
			.param("tenant", tenant.value())
			.param("agent", agentId)
			.param("scope", scope)
			.param("afterAt", after == null ? null : after.timestamp())
			.param("afterId", after == null ? new UUID(0, 0) : after.id())
			.param("limit", size + 1)
			.query(MemoryRows::memory)
			.list());
		if (rows.size() <= size) {
			return new MemoryPage(rows, null);
		}
		List<Memory> page = rows.subList(0, size);
		Memory last = page.getLast();
		return new MemoryPage(List.copyOf(page), new MemoryRows.Cursor(last.createdAt(), last.id()).encode());
	}

	@Override
	public Optional<Memory> get(TenantId tenant, UUID agentId, UUID memoryId) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + MemoryRows.COLUMNS
				+ " from memories where tenant_id = :tenant and agent_id = :agent and id = :id")
			.param("tenant", tenant.value())
			.param("agent", agentId)
			.param("id", memoryId)
			.query(MemoryRows::memory)
			.optional());
	}

	@Override
	public boolean delete(TenantId tenant, UUID agentId, UUID memoryId) {
		int deleted = transactions.inTenant(tenant, () -> jdbc.sql(
				"delete from memories where tenant_id = :tenant and agent_id = :agent and id = :id")
			.param("tenant", tenant.value())
			.param("agent", agentId)
			.param("id", memoryId)
			.update());
		if (deleted > 0) {
			try {
				indexes.of(tenant, agentId).remove(memoryId);
			}
			catch (RuntimeException ex) {
				log.warn("Vector index of agent {} missed a delete; dropping it: {}", agentId, ex.toString());
				indexes.drop(tenant, agentId);
			}
		}
		return deleted > 0;
	}

	@Override
	public int deleteAll(TenantId tenant, UUID agentId) {
		int deleted = transactions.inTenant(tenant, () -> jdbc.sql(
				"delete from memories where tenant_id = :tenant and agent_id = :agent")
			.param("tenant", tenant.value())
			.param("agent", agentId)
			.update());
		indexes.drop(tenant, agentId);
		return deleted;
	}

	@Override
	public MemoryStats stats(TenantId tenant, UUID agentId) {
		record ScopeRow(String scope, long count, Instant oldest, Instant newest) {
		}
		List<ScopeRow> rows = transactions.inTenant(tenant, () -> jdbc.sql("""
				select scope, count(*) as n, min(created_at) as oldest, max(created_at) as newest from memories
				where tenant_id = :tenant and agent_id = :agent
				group by scope order by scope""")
			.param("tenant", tenant.value())
			.param("agent", agentId)
			.query((rs, n) -> new ScopeRow(rs.getString("scope"), rs.getLong("n"),
					rs.getTimestamp("oldest").toInstant(), rs.getTimestamp("newest").toInstant()))
			.list());
		Map<String, Long> byScope = new LinkedHashMap<>();
		long count = 0;
		Instant oldest = null;
		Instant newest = null;
		for (ScopeRow row : rows) {
			byScope.put(row.scope(), row.count());
			count += row.count();
			oldest = oldest == null || row.oldest().isBefore(oldest) ? row.oldest() : oldest;
			newest = newest == null || row.newest().isAfter(newest) ? row.newest() : newest;
		}
		return new MemoryStats(count, byScope, oldest, newest, indexes.tier(tenant, agentId));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** The stripped text, after checking it, the scope and the importance; every problem reported at once. */
	static String checked(NewMemory memory) {
		List<FieldProblem> errors = new ArrayList<>();
		String text = memory.text().strip();
		if (text.isEmpty()) {
			errors.add(new FieldProblem("text", "must not be empty"));
		}
		else if (text.length() > MAX_TEXT) {
			errors.add(new FieldProblem("text", "must be at most " + MAX_TEXT + " characters"));
		}
		if (!MemoryScopes.isValid(memory.scope())) {
			errors.add(new FieldProblem("scope",
					"must be empty (the whole agent), thread:<id> or user:<id>; ids are letters, digits and ._@:- (at most 128)"));
		}
		Float importance = memory.importance();
		if (importance != null && !(importance >= 0 && importance <= 1)) {
			errors.add(new FieldProblem("importance", "must be between 0 and 1"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
		return text;
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
