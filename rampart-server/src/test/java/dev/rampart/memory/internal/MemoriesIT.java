package dev.rampart.memory.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.rampart.HttpProbe;
import dev.rampart.MovableClock;
import dev.rampart.ServerTest;
import dev.rampart.memory.IndexTier;
import dev.rampart.memory.Memory;
import dev.rampart.memory.MemoryIndexProperties;
import dev.rampart.memory.MemoryProperties;
import dev.rampart.memory.MemoryQuery;
import dev.rampart.memory.MemoryScopes;
import dev.rampart.memory.MemorySettings;
import dev.rampart.memory.MemorySource;
import dev.rampart.memory.MemoryUnavailableException;
import dev.rampart.memory.NewMemory;
import dev.rampart.memory.ScoredMemory;
import dev.rampart.memory.VectorIndex;
import dev.rampart.memory.VectorIndexes;
import dev.rampart.memory.VectorMatch;
import dev.rampart.memory.VectorSource;
import dev.rampart.providers.LlmGateway;
import dev.rampart.providers.ModelTarget;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.embeddings.LocalEmbeddings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The memory store against the real PostgreSQL and MiniLM model, each test with its own tenants, clock and index
 * folder: tenants never see each other's memories, saving twice touches, scopes filter, eviction removes the
 * lowest-scored first, the warm index survives a restart and the cold one is rebuilt from the rows.
 */
@ServerTest
class MemoriesIT {

	private static final String PASSWORD = "amber-lighthouse-orchard-";

	@TempDir
	Path dir;

	@LocalServerPort
	int port;

	private final JdbcClient jdbc;
	private final DataSource dataSource;
	private final TenantTransactions transactions;
	private final LocalEmbeddings local;
	private final LlmGateway gateway;
	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
	private final AtomicInteger rebuilds = new AtomicInteger();
	private final List<TieredVectorIndexes> opened = new ArrayList<>();

	@Autowired
	MemoriesIT(JdbcClient jdbc, DataSource dataSource, TenantTransactions transactions, LocalEmbeddings local,
			LlmGateway gateway) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.transactions = transactions;
		this.local = local;
		this.gateway = gateway;
	}

	@AfterEach
	void closeIndexes() {
		opened.forEach(TieredVectorIndexes::close);
	}

	@Test
	void tenantBNeverRetrievesTenantAsMemoriesEvenWithTheSameAgentIdTextAndQuery() {
		TenantId a = newTenant();
		TenantId b = newTenant();
		UUID agent = UUID.randomUUID();
		JdbcMemories memories = memories(indexes());
		Memory secret = memories.save(a, agent, NewMemory.of("The vault code of project Falcon is kept by Ingrid"));
		memories.save(a, agent, NewMemory.of("Ingrid prefers tea over coffee in the morning"));

		MemoryQuery query = MemoryQuery.of("Who keeps the vault code of project Falcon?", MemorySettings.DEFAULTS)
			.withKeywordWeight(0.5f);
		assertThat(memories.search(b, agent, query)).isEmpty();
		assertThat(memories.get(b, agent, secret.id())).isEmpty();
		assertThat(memories.list(b, agent, null, null, 50).items()).isEmpty();
		assertThat(memories.delete(b, agent, secret.id())).isFalse();
		assertThat(memories.stats(b, agent).count()).isZero();

		Memory ofB = memories.save(b, agent, NewMemory.of("The vault code of project Falcon is kept by Ingrid"));
		assertThat(ofB.id()).isNotEqualTo(secret.id());
		assertThat(memories.search(b, agent, query)).extracting(hit -> hit.memory().id()).containsExactly(ofB.id());
		assertThat(memories.search(a, agent, query).getFirst().memory().id()).isEqualTo(secret.id());
		assertThat(memories.get(a, agent, secret.id())).isPresent();
	}

	@Test
	void savingTheSameTextTwiceTouchesTheMemoryInsteadOfAddingACopy() {
		TenantId tenant = newTenant();
		UUID agent = UUID.randomUUID();
		JdbcMemories memories = memories(indexes());
		Memory first = memories.save(tenant, agent, NewMemory.of("The customer's account manager is Priya").withImportance(0.4f));
		clock.advance(Duration.ofHours(3));

		Memory again = memories.save(tenant, agent, NewMemory.of("  The customer's account manager is Priya ").withImportance(0.7f));

		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.createdAt()).isEqualTo(first.createdAt());
		assertThat(again.lastAccessedAt()).isEqualTo(first.lastAccessedAt().plus(Duration.ofHours(3)));
		assertThat(again.importance()).as("saving again never lowers importance").isEqualTo(0.7f);
		assertThat(memories.stats(tenant, agent).count()).isEqualTo(1);
		assertThat(memories.save(tenant, agent, NewMemory.of("The customer's account manager is Priya")
			.withScope(MemoryScopes.user("u-1"))).id()).as("another scope is another memory").isNotEqualTo(first.id());
	}

	@Test
	void aSearchSeesOnlyTheScopesItAsksForAndCountsWhatItReturnsAsAccessed() {
		TenantId tenant = newTenant();
		UUID agent = UUID.randomUUID();
		JdbcMemories memories = memories(indexes());
		Memory agentWide = memories.save(tenant, agent, NewMemory.of("The support line opens at eight in the morning"));
		Memory thread1 = memories.save(tenant, agent,
				NewMemory.of("In this thread the user asked when the support line opens").withScope(MemoryScopes.thread("t1")));
		memories.save(tenant, agent,
				NewMemory.of("In another thread the user asked when the support line opens").withScope(MemoryScopes.thread("t2")));
		memories.save(tenant, agent,
				NewMemory.of("This user always calls the support line at opening time").withScope(MemoryScopes.user("u9")));
		clock.advance(Duration.ofMinutes(5));

		List<ScoredMemory> hits = memories.search(tenant, agent, MemoryQuery.of("When does the support line open?",
				MemorySettings.DEFAULTS).inScopes(List.of(MemoryScopes.AGENT, MemoryScopes.thread("t1"))).withTopK(10));

		assertThat(hits).extracting(hit -> hit.memory().id()).containsExactlyInAnyOrder(agentWide.id(), thread1.id());
		assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(ScoredMemory::score).reversed());
		Memory touched = memories.get(tenant, agent, agentWide.id()).orElseThrow();
		assertThat(touched.accessCount()).isEqualTo(1);
		assertThat(touched.lastAccessedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
		assertThat(memories.list(tenant, agent, MemoryScopes.thread("t2"), null, 50).items()).hasSize(1);
		assertThat(memories.stats(tenant, agent).byScope()).containsEntry("", 1L).containsEntry("thread:t1", 1L)
			.containsEntry("thread:t2", 1L).containsEntry("user:u9", 1L);
	}

	@Test
	void evictionRemovesTheLowestScoredMemoriesFirstAndNeverTheOneJustSaved() {
		TenantId tenant = newTenant();
		UUID agent = UUID.randomUUID();
		TieredVectorIndexes indexes = indexes();
		JdbcMemories memories = memories(indexes);
		MemorySettings three = new MemorySettings(3, 5, null);
		Memory important = memories.save(tenant, agent, saved("Keep the backups for seven years", 0.9f, three));
		Memory trivial = memories.save(tenant, agent, saved("The weather was mild on Tuesday", 0.1f, three));
		Memory middling = memories.save(tenant, agent, saved("The office plant needs water weekly", 0.5f, three));

		Memory low = memories.save(tenant, agent, saved("The lobby carpet is grey", 0.05f, three));

		assertThat(ids(memories, tenant, agent)).as("w_i·importance decides at equal recency and use; the new one stays even though lowest")
			.containsExactlyInAnyOrder(important.id(), middling.id(), low.id());

		// a month later the plant memory is used (recency 1, one access); the others' recency halved four times
		clock.advance(Duration.ofDays(30));
		List<ScoredMemory> hits = memories.search(tenant, agent,
				MemoryQuery.of("How often does the office plant need water?", three).withTopK(1));
		assertThat(hits.getFirst().memory().id()).isEqualTo(middling.id());
		clock.advance(Duration.ofMinutes(1));

		Memory fresh = memories.save(tenant, agent, saved("The parking permit expires in March", 0.3f, three));

		// scores now: important 0.9 + 0.05 = 0.95, middling 0.5 + 1.0 + 0.25·ln 2 = 1.67, low 0.05 + 0.05 = 0.10
		assertThat(ids(memories, tenant, agent)).containsExactlyInAnyOrder(important.id(), middling.id(), fresh.id());
		assertThat(indexes.of(tenant, agent).size()).as("evicted vectors leave the index").isEqualTo(3);
		assertThat(trivial.id()).isNotIn(ids(memories, tenant, agent));
	}

	@Test
	void theWarmIndexSurvivesARestartAndTheColdOneIsRebuiltFromPostgresql() throws Exception {
		TenantId tenant = newTenant();
		UUID agent = UUID.randomUUID();
		TieredVectorIndexes before = indexes();
		JdbcMemories memories = memories(before);
		List<String> facts = List.of("The data centre is in Frankfurt", "Invoices are due within thirty days",
				"The on-call engineer this week is Mateo", "Customers in Norway pay in kroner",
				"The product launch moved to the second of May");
		facts.forEach(fact -> memories.save(tenant, agent, NewMemory.of(fact)));
		UUID payments = memories.search(tenant, agent, MemoryQuery.of("Which currency do Norwegian customers use?",
				MemorySettings.DEFAULTS)).getFirst().memory().id();
		before.close();
		rebuilds.set(0);

		TieredVectorIndexes restarted = indexes();
		assertThat(restarted.tier(tenant, agent)).isEqualTo(IndexTier.WARM);
		JdbcMemories afterRestart = memories(restarted);
		assertThat(afterRestart.search(tenant, agent, MemoryQuery.of("Which currency do Norwegian customers use?",
				MemorySettings.DEFAULTS)).getFirst().memory().id()).isEqualTo(payments);
		assertThat(rebuilds).as("served from the files, not rebuilt").hasValue(0);
		restarted.close();

		deleteRecursively(dir);
		TieredVectorIndexes cold = indexes();
		assertThat(cold.tier(tenant, agent)).isEqualTo(IndexTier.COLD);
		JdbcMemories afterLoss = memories(cold);
		assertThat(afterLoss.search(tenant, agent, MemoryQuery.of("Which currency do Norwegian customers use?",
				MemorySettings.DEFAULTS)).getFirst().memory().id()).isEqualTo(payments);
		assertThat(rebuilds).as("rebuilt from the memories table").hasValue(1);
		assertThat(cold.tier(tenant, agent)).isEqualTo(IndexTier.HOT);
		assertThat(cold.of(tenant, agent).size()).isEqualTo(facts.size());
	}

	@Test
	void aProviderEmbeddingModelIsUsedThroughTheGatewayAndItsVectorsAreNotMixedWithLocalOnes() {
		TenantId tenant = newTenant();
		UUID agent = UUID.randomUUID();
		JdbcMemories memories = memories(indexes());
		MemorySettings simEmbeddings = new MemorySettings(100, 5, new ModelTarget("sim", "sim-embed"));
		Memory viaProvider = memories.save(tenant, agent,
				NewMemory.of("The escalation contact is Oksana").withSettings(simEmbeddings));
		Memory viaLocal = memories.save(tenant, agent, NewMemory.of("The escalation contact is Oksana"));

		assertThat(viaProvider.embeddingModel()).isEqualTo("sim/sim-embed");
		assertThat(viaLocal.id()).as("re-embedded with the agent's current model, same row").isEqualTo(viaProvider.id());
		assertThat(viaLocal.embeddingModel()).isEqualTo(MemorySettings.LOCAL_MODEL);
		assertThat(memories.search(tenant, agent, MemoryQuery.of("escalation contact", simEmbeddings)))
			.as("vectors of another model are not compared").isEmpty();
		assertThat(memories.search(tenant, agent, MemoryQuery.of("escalation contact", MemorySettings.DEFAULTS)))
			.hasSize(1);
	}

	@Test
	void anEmbeddingModelOrIndexThatCannotServeIsMemoryUnavailable() {
		TenantId tenant = newTenant();
		UUID agent = UUID.randomUUID();
		JdbcMemories memories = memories(indexes());
		MemorySettings missing = new MemorySettings(100, 5, new ModelTarget("no-such-provider", "embed"));

		assertThatThrownBy(() -> memories.save(tenant, agent, NewMemory.of("anything").withSettings(missing)))
			.isInstanceOf(MemoryUnavailableException.class)
			.satisfies(ex -> assertThat(((MemoryUnavailableException) ex).code().retryable()).isTrue());
		assertThatThrownBy(() -> memories.search(tenant, agent, MemoryQuery.of("anything", missing)))
			.isInstanceOf(MemoryUnavailableException.class);

		JdbcMemories broken = memories(new BrokenIndexes(indexes()));
		broken.save(tenant, agent, NewMemory.of("Saved even though the index cannot take it"));
		assertThat(broken.stats(tenant, agent).count()).as("PostgreSQL has it").isEqualTo(1);
		assertThatThrownBy(() -> broken.search(tenant, agent, MemoryQuery.of("anything", MemorySettings.DEFAULTS)))
			.isInstanceOf(MemoryUnavailableException.class);
	}

	@Test
	void invalidMemoriesAreRefusedWithEveryFieldProblem() {
		JdbcMemories memories = memories(indexes());
		NewMemory invalid = new NewMemory("   ", "team:x", 1.5f, MemorySource.RUN, null,
				MemorySettings.DEFAULTS);

		assertThatThrownBy(() -> memories.save(TenantId.DEFAULT, UUID.randomUUID(), invalid))
			.isInstanceOfSatisfying(InvalidFieldsException.class, ex -> assertThat(ex.errors())
				.extracting(FieldProblem::field).containsExactly("text", "scope", "importance"));
		assertThatThrownBy(() -> memories.save(TenantId.DEFAULT, UUID.randomUUID(), NewMemory.of("x".repeat(8_001))))
			.isInstanceOf(InvalidFieldsException.class);
	}

	@Test
	void deletingAllOfAnAgentsMemoriesDropsItsIndex() {
		TenantId tenant = newTenant();
		UUID agent = UUID.randomUUID();
		TieredVectorIndexes indexes = indexes();
		JdbcMemories memories = memories(indexes);
		Memory one = memories.save(tenant, agent, NewMemory.of("First memory about the Lisbon office"));
		memories.save(tenant, agent, NewMemory.of("Second memory about the Lisbon office"));
		assertThat(memories.delete(tenant, agent, one.id())).isTrue();
		assertThat(memories.get(tenant, agent, one.id())).isEmpty();

		assertThat(memories.deleteAll(tenant, agent)).isEqualTo(1);

		assertThat(indexes.tier(tenant, agent)).isEqualTo(IndexTier.COLD);
		assertThat(memories.search(tenant, agent, MemoryQuery.of("Lisbon office", MemorySettings.DEFAULTS))).isEmpty();
	}

	@Test
	void listingPagesNewestFirstWithACursor() {
		TenantId tenant = newTenant();
		UUID agent = UUID.randomUUID();
		JdbcMemories memories = memories(indexes());
		List<UUID> saved = new ArrayList<>();
		for (String word : List.of("alpha", "bravo", "charlie", "delta", "echo")) {
			saved.add(memories.save(tenant, agent, NewMemory.of("Code word " + word)).id());
			clock.advance(Duration.ofSeconds(1));
		}
		var first = memories.list(tenant, agent, null, null, 2);
		var second = memories.list(tenant, agent, null, first.nextCursor(), 2);
		var third = memories.list(tenant, agent, null, second.nextCursor(), 2);

		assertThat(Stream.of(first, second, third).flatMap(page -> page.items().stream()).map(Memory::id))
			.containsExactlyElementsOf(saved.reversed());
		assertThat(third.nextCursor()).isNull();
	}

	@Test
	void listingAndCountingAnAgentsMemoriesUseItsIndex() {
		TenantId tenant = newTenant();
		UUID agent = UUID.randomUUID();
		String where = "tenant_id = '" + tenant + "' and agent_id = '" + agent + "'";

		assertThat(plan(tenant, "select id from memories where " + where + " order by created_at desc, id desc limit 51"))
			.contains("memories_agent_created").doesNotContain("Seq Scan").doesNotContain("Sort");
		assertThat(plan(tenant, "select count(*) from memories where " + where))
			.contains("Index").doesNotContain("Seq Scan");
	}

	/**
	 * The plan of {@code query} in the tenant. The table is small in tests, so every alternative to an ordered index
	 * scan looks prohibitive: a plan that still scans or sorts has no index that serves the query.
	 */
	private String plan(TenantId tenant, String query) {
		return transactions.inTenant(tenant, () -> {
			jdbc.sql("set local enable_seqscan = off").update();
			jdbc.sql("set local enable_bitmapscan = off").update();
			jdbc.sql("set local enable_sort = off").update();
			return String.join("\n", jdbc.sql("explain " + query).query(String.class).list());
		});
	}

	private NewMemory saved(String text, float importance, MemorySettings settings) {
		return NewMemory.of(text).withImportance(importance).withSettings(settings);
	}

	private static List<UUID> ids(JdbcMemories memories, TenantId tenant, UUID agent) {
		return memories.list(tenant, agent, null, null, 200).items().stream().map(Memory::id).toList();
	}

	private TenantId newTenant() {
		String name = "mem-" + UUID.randomUUID().toString().substring(0, 8);
		HttpProbe owner = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", PASSWORD + UUID.randomUUID());
		return TenantId.of(owner.get("/api/v1/users/me").json().get("tenant").get("id").asString());
	}

	private TieredVectorIndexes indexes() {
		MemoryIndexProperties properties = MemoryIndexProperties.defaults(DataSize.ofMegabytes(64), dir);
		VectorSource rows = new JdbcVectorSource(dataSource, transactions, properties);
		VectorSource counted = (tenant, agent, sink) -> {
			rebuilds.incrementAndGet();
			rows.forEachVector(tenant, agent, sink);
		};
		TieredVectorIndexes indexes = new TieredVectorIndexes(properties, dir, counted);
		opened.add(indexes);
		return indexes;
	}

	private JdbcMemories memories(VectorIndexes indexes) {
		MemoryIndexProperties properties = MemoryIndexProperties.defaults(DataSize.ofMegabytes(64), dir);
		return new JdbcMemories(jdbc, transactions, clock, indexes, new MemoryEmbedder(local, gateway, properties),
				MemoryProperties.defaults());
	}

	private static void deleteRecursively(Path root) throws Exception {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				if (!path.equals(root)) {
					Files.delete(path);
				}
			}
		}
	}

	/** Indexes whose every write and search fails, as a full disk or a corrupt graph would. */
	private record BrokenIndexes(VectorIndexes delegate) implements VectorIndexes {

		@Override
		public VectorIndex of(TenantId tenant, UUID agent) {
			return new VectorIndex() {

				@Override
				public void add(UUID id, float[] vector) {
					throw new IllegalStateException("disk full");
				}

				@Override
				public void remove(UUID id) {
					throw new IllegalStateException("disk full");
				}

				@Override
				public List<VectorMatch> search(float[] query, int k) {
					throw new IllegalStateException("graph unreadable");
				}

				@Override
				public int size() {
					return 0;
				}
			};
		}

		@Override
		public IndexTier tier(TenantId tenant, UUID agent) {
			return delegate.tier(tenant, agent);
		}

		@Override
		public void drop(TenantId tenant, UUID agent) {
			delegate.drop(tenant, agent);
		}

		@Override
		public long hotBytes() {
			return 0;
		}

		@Override
		public void close() {
		}
	}
}
