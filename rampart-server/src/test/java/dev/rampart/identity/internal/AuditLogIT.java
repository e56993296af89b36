package dev.rampart.identity.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.ServerTest;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditEvent;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.AuditQuery;
import dev.rampart.identity.ChainVerification;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit chain in real PostgreSQL: appends, concurrency, and tampering done behind Rampart's back. */
@ServerTest
class AuditLogIT {

	private final AuditLog audit;
	private final JdbcClient jdbc;
	private final JdbcClient owner;
	private final TransactionTemplate transaction;

	private TenantId tenant;

	@Autowired
	AuditLogIT(AuditLog audit, JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.owner = DatabaseOwner.jdbc(dataSource);
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void freshTenant() {
		tenant = new TenantId(UUID.randomUUID());
	}

	@Test
	void givenManyAppendsWithVariedDetails_whenVerified_thenTheChainIsIntactFromZeroBytes() {
		for (int i = 1; i <= 620; i++) {
			audit.record(entry(tenant, "actor-" + i % 7, Map.of("zeta", i, "alpha", Map.of("y", List.of(i, 1.50, "é"), "b", i % 2 == 0),
					"price", 1.0e20, "note", "line\nbreak")));
		}

		assertThat(audit.verify(tenant)).isEqualTo(ChainVerification.intact(620));
		assertThat(owner.sql("select prev_hash from audit_events where tenant_id = :t and seq = 1").param("t", tenant.value())
			.query(byte[].class).single()).isEqualTo(new byte[32]);
	}

	@Test
	void givenEightThreadsAppendingAtOnce_whenDone_thenSeqIsOneToTwoHundredInOneIntactChain() throws Exception {
		List<Future<?>> futures = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			for (int t = 0; t < 8; t++) {
				int thread = t;
				futures.add(threads.submit(() -> {
					for (int i = 0; i < 25; i++) {
						audit.record(entry(tenant, "thread-" + thread, Map.of("i", i)));
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}

		assertThat(owner.sql("select seq from audit_events where tenant_id = :t order by seq").param("t", tenant.value())
			.query(Long.class).list()).containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
		assertThat(audit.verify(tenant)).isEqualTo(ChainVerification.intact(200));
	}

	@ParameterizedTest
	@ValueSource(strings = { "details = jsonb_set(details, '{i}', '99')", "actor = 'someone-else'",
			"occurred_at = occurred_at - interval '1 second'", "outcome = 'failed'", "target_id = null",
			"tenant_id = tenant_id" /* a no-op: must stay intact */ })
	void givenOneRowAlteredInTheDatabase_whenVerified_thenTheAlteredSeqIsReported(String change) {
		appendFive();

		tamper("update audit_events set " + change + " where tenant_id = :t and seq = 3");

		ChainVerification verification = audit.verify(tenant);
		if (change.equals("tenant_id = tenant_id")) {
			assertThat(verification.intact()).isTrue();
			return;
		}
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenSeq()).isEqualTo(3L);
		assertThat(verification.checked()).isEqualTo(2);
		assertThat(verification.problem()).contains("altered");
	}

	@Test
	void givenARowAlteredAndItsHashRecomputed_whenVerified_thenTheNextLinkIsReported() {
		appendFive();

		tamper("update audit_events set hash = sha256(hash) where tenant_id = :t and seq = 3");

		assertThat(audit.verify(tenant).firstBrokenSeq()).isEqualTo(3L);
		assertThat(verifyAfterRehashingRow3().firstBrokenSeq()).isEqualTo(4L);
	}

	@Test
	void givenAMiddleRowDeleted_whenVerified_thenItsSeqIsReportedMissing() {
		appendFive();

		tamper("delete from audit_events where tenant_id = :t and seq = 3");

		ChainVerification verification = audit.verify(tenant);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenSeq()).isEqualTo(3L);
		assertThat(verification.problem()).contains("missing");
	}

	@Test
	void givenTwoRowsSwapped_whenVerified_thenTheFirstSwappedSeqIsReported() {
		appendFive();

		tamper("update audit_events set seq = 1000 where tenant_id = :t and seq = 2");
		tamper("update audit_events set seq = 2 where tenant_id = :t and seq = 3");
		tamper("update audit_events set seq = 3 where tenant_id = :t and seq = 1000");

		ChainVerification verification = audit.verify(tenant);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenSeq()).isEqualTo(2L);
		assertThat(verification.problem()).contains("does not link");
	}

	@Test
	void givenTheNewestRowsDeletedButTheHeadKept_whenVerified_thenTheTruncationIsReported() {
		appendFive();

		tamper("delete from audit_events where tenant_id = :t and seq >= 4");

		ChainVerification verification = audit.verify(tenant);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenSeq()).isEqualTo(4L);
		assertThat(verification.checked()).isEqualTo(3);
	}

	@Test
	void givenTheAppendOnlyTrigger_whenARowIsUpdatedDeletedOrTruncated_thenPostgresRefuses() {
		appendFive();

		assertThatThrownBy(() -> owner.sql("update audit_events set actor = 'x' where tenant_id = :t").param("t", tenant.value()).update())
			.isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(() -> owner.sql("delete from audit_events where tenant_id = :t").param("t", tenant.value()).update())
			.isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(() -> owner.sql("truncate audit_events").update()).rootCause().hasMessageContaining("append-only");
		for (String change : List.of("update audit_events set actor = 'x'", "delete from audit_events", "truncate audit_events")) {
			assertThatThrownBy(() -> jdbc.sql(change).update()).rootCause().hasMessageContaining("permission denied");
		}
		assertThat(audit.verify(tenant)).isEqualTo(ChainVerification.intact(5));
	}

	@Test
	void givenTwoTenants_whenBothAppend_thenEachHasItsOwnChainAndTamperingWithOneLeavesTheOtherIntact() {
		TenantId other = new TenantId(UUID.randomUUID());
		AuditEvent first = audit.record(entry(tenant, "a", Map.of()));
		AuditEvent otherFirst = audit.record(entry(other, "b", Map.of()));
		audit.record(entry(other, "b", Map.of()));

		assertThat(first.seq()).isEqualTo(1);
		assertThat(otherFirst.seq()).isEqualTo(1);
		tamper("update audit_events set actor = 'z' where tenant_id = :t and seq = 1");

		assertThat(audit.verify(tenant).firstBrokenSeq()).isEqualTo(1L);
		assertThat(audit.verify(other)).isEqualTo(ChainVerification.intact(2));
		assertThat(audit.verify(new TenantId(UUID.randomUUID()))).isEqualTo(ChainVerification.intact(0));
	}

	@Test
	void givenAnEventRecorded_whenReturned_thenItMatchesTheStoredRowAndHash() {
		AuditEvent event = audit.record(entry(tenant, "a", Map.of("b", 2, "a", 1)));

		assertThat(audit.page(tenant, AuditQuery.newest(10)).items()).containsExactly(event);
		assertThat(HexFormat.of().formatHex(owner.sql("select hash from audit_events where id = :id").param("id", event.id())
			.query(byte[].class).single())).isEqualTo(event.hash());
	}

	@ParameterizedTest
	@ValueSource(strings = { "select * from audit_events where tenant_id = :t order by seq desc limit 51",
			"select * from audit_events where tenant_id = :t and seq < 100 and starts_with(action, 'credential.') order by seq desc limit 51",
			"select * from audit_events where tenant_id = :t and actor = 'x' order by seq desc limit 51",
			"select * from audit_events where tenant_id = :t and target_type = 'x' and target_id = 'y' order by seq desc limit 51",
			"select * from audit_events where tenant_id = :t and seq > 500 order by seq limit 500" })
	void givenTheQueriesOfPagingAndVerifying_whenPlanned_thenAnIndexServesThemInOrder(String query) {
		String plan = transaction.execute(status -> {
			// The table is small in tests, so make every alternative to an ordered index scan look prohibitive:
			// a plan that still scans or sorts has no index that serves the query.
			jdbc.sql("set local enable_seqscan = off").update();
			jdbc.sql("set local enable_bitmapscan = off").update();
			jdbc.sql("set local enable_sort = off").update();
			return String.join("\n", jdbc.sql("explain " + query).param("t", tenant.value()).query(String.class).list());
		});

		assertThat(plan).contains("Index").doesNotContain("Seq Scan").doesNotContain("Sort");
	}

	private ChainVerification verifyAfterRehashingRow3() {
		AuditRow row3 = transaction.execute(status -> owner.sql("select id, tenant_id, seq, occurred_at, actor, actor_ip, action,"
				+ " target_type, target_id, outcome, details::text as details, prev_hash, hash from audit_events"
				+ " where tenant_id = :t and seq = 3").param("t", tenant.value()).query((rs, n) -> new AuditRow(
						rs.getObject("id", UUID.class), tenant, 3, rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
						"forger", rs.getString("actor_ip"), rs.getString("action"), rs.getString("target_type"),
						rs.getString("target_id"), rs.getString("outcome"), AuditDetails.parse(rs.getString("details")),
						rs.getBytes("prev_hash"), new byte[0])).single());
		byte[] forged = AuditChain.hash(row3);
		tamper("update audit_events set actor = 'forger', hash = decode('" + HexFormat.of().formatHex(forged)
				+ "', 'hex') where tenant_id = :t and seq = 3");
		return audit.verify(tenant);
	}

	private void appendFive() {
		for (int i = 1; i <= 5; i++) {
			audit.record(new AuditEntry(tenant, "user-" + i, "10.0.0." + i, "test.appended", "thing", "id-" + i,
					AuditEntry.SUCCEEDED, Map.of("i", i)));
		}
		assertThat(audit.verify(tenant)).isEqualTo(ChainVerification.intact(5));
	}

	/** What someone with the table owner's or a superuser's rights can do despite the trigger. */
	private void tamper(String sql) {
		owner.sql("alter table audit_events disable trigger audit_events_append_only").update();
		try {
			owner.sql(sql).param("t", tenant.value()).update();
		}
		finally {
			owner.sql("alter table audit_events enable trigger audit_events_append_only").update();
		}
	}

	private static AuditEntry entry(TenantId tenant, String actor, Map<String, ?> details) {
		return new AuditEntry(tenant, actor, null, "test.appended", null, null, AuditEntry.SUCCEEDED, details);
	}
}
