package dev.rampart.memory.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.rampart.memory.Memory;
import dev.rampart.memory.MemoryQuery;
import dev.rampart.memory.MemoryUnavailableException;
import dev.rampart.memory.ScoredMemory;
import dev.rampart.memory.VectorIndex;
import dev.rampart.memory.VectorIndexes;
import dev.rampart.memory.VectorMatch;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One search: the agent's index gives topK × oversampling candidates (more, up to {@link #MAX_CANDIDATES}, while scope
 * filtering leaves too few). The candidates' rows are then read with the tenant, agent, scope and embedding model as
 * filters, so the index can never widen what a search sees; each is scored against its stored vector and, with a
 * keyword weight, the query's words (a re-ranking of the vector candidates: keywords alone do not add candidates), and
 * those returned are counted as accessed in one statement.
 */
final class MemorySearch {

	static final int MAX_CANDIDATES = 4_096;

	private record Candidate(Memory memory, float[] vector) {
	}

	private final JdbcClient jdbc;

	private final TenantTransactions transactions;

	private final Clock clock;

	private final VectorIndexes indexes;

	private final MemoryEmbedder embedder;

	private final int oversampling;

	MemorySearch(JdbcClient jdbc, TenantTransactions transactions, Clock clock, VectorIndexes indexes,
			MemoryEmbedder embedder, int oversampling) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.indexes = indexes;
		this.embedder = embedder;
		this.oversampling = oversampling;
	}

	List<ScoredMemory> search(TenantId tenant, UUID agentId, MemoryQuery query) {
		if (query.text().isBlank()) {
			return List.of();
		}
		float[] vector = embedder.embed(tenant, query.settings(), query.text());
		int topK = query.effectiveTopK();
		float weight = query.keywordWeight();
		Set<String> terms = weight > 0 ? Keywords.terms(query.text(), Keywords.MAX_TERMS) : Set.of();
		VectorIndex index = indexes.of(tenant, agentId);
		try {
			int want = Math.min(topK * oversampling, MAX_CANDIDATES);
			while (true) {
				List<VectorMatch> matches = nearest(index, vector, want);
				Set<UUID> ids = new LinkedHashSet<>();
				matches.forEach(match -> ids.add(match.id()));
				List<Candidate> candidates = ids.isEmpty() ? List.of() : rows(tenant, agentId, query, ids);
				if (candidates.size() >= topK || matches.size() < want || want >= MAX_CANDIDATES) {
					List<ScoredMemory> best = score(candidates, vector, terms, weight, query.minScore(), topK);
					touch(tenant, agentId, best);
					return best;
				}
				want = Math.min(want * 4, MAX_CANDIDATES);
			}
		}
		catch (DataAccessException ex) {
			throw new MemoryUnavailableException("The memories of the agent could not be read.", ex);
		}
	}

	private static List<VectorMatch> nearest(VectorIndex index, float[] vector, int k) {
		try {
			return index.search(vector, k);
		}
		catch (RuntimeException ex) {
			throw new MemoryUnavailableException("The memory index of the agent cannot be searched.", ex);
		}
	}

	private List<Candidate> rows(TenantId tenant, UUID agentId, MemoryQuery query, Set<UUID> ids) {
		boolean allScopes = query.scopes().isEmpty();
		return transactions.inTenant(tenant, () -> jdbc.sql("select embedding, " + MemoryRows.COLUMNS + """
				 from memories
				where tenant_id = :tenant and agent_id = :agent and id in (:ids) and embedding_model = :model
					and (:allScopes or scope in (:scopes))""")
			.param("tenant", tenant.value())
			.param("agent", agentId)
			.param("ids", List.copyOf(ids))
			.param("model", query.settings().embeddingModel())
			.param("allScopes", allScopes)
			.param("scopes", allScopes ? List.of("") : query.scopes())
			.query((rs, n) -> new Candidate(MemoryRows.memory(rs, n), VectorBytes.decode(rs.getBytes("embedding"))))
			.list());
	}

	private static List<ScoredMemory> score(List<Candidate> candidates, float[] query, Set<String> terms, float weight,
			float minScore, int topK) {
		List<ScoredMemory> scored = new ArrayList<>(candidates.size());
		for (Candidate candidate : candidates) {
			float similarity = VectorBytes.cosine(query, candidate.vector());
			float keywords = terms.isEmpty() ? 0 : Keywords.overlap(terms, candidate.memory().text());
			float score = (1 - weight) * similarity + weight * keywords;
			if (score >= minScore) {
				scored.add(new ScoredMemory(candidate.memory(), score, similarity, keywords));
			}
		}
		scored.sort(Comparator.comparingDouble(ScoredMemory::score).reversed()
			.thenComparing(hit -> hit.memory().id()));
		return scored.size() > topK ? List.copyOf(scored.subList(0, topK)) : scored;
	}

	private void touch(TenantId tenant, UUID agentId, List<ScoredMemory> returned) {
		if (returned.isEmpty()) {
			return;
		}
		List<UUID> ids = returned.stream().map(hit -> hit.memory().id()).toList();
		transactions.inTenant(tenant, () -> jdbc.sql("""
				update memories set last_accessed_at = :now, access_count = access_count + 1
				where tenant_id = :tenant and agent_id = :agent and id in (:ids)""")
			.param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
			.param("tenant", tenant.value())
			.param("agent", agentId)
			.param("ids", ids)
			.update());
	}
}
