package dev.rampart.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditEvent;
import dev.rampart.identity.AuditLog;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/audit-events} over real HTTP in the default tenant, which other test classes share:
 * every test looks only at events it made, found by a unique action, actor or target.
 */
@ServerTest
class AuditEventsApiIT {

	private final AuditLog audit;
	private final JdbcClient jdbc;
	private final int port;

	private HttpProbe http;

	@Autowired
	AuditEventsApiIT(AuditLog audit, DataSource dataSource, @LocalServerPort int port) {
		this.audit = audit;
		this.jdbc = DatabaseOwner.jdbc(dataSource);
		this.port = port;
	}

	@BeforeEach
	void client() {
		http = HttpProbe.signedIn(port);
	}

	@Test
	void givenACredentialCreatedUpdatedAndDeleted_whenItsAuditIsListed_thenEachChangeIsThereWithoutTheSecret() {
		String planted = "sk-planted-" + UUID.randomUUID();
		String replacement = "sk-replaced-" + UUID.randomUUID();
		Reply created = http.post("/api/v1/credentials", "application/json",
				"{\"name\":\"audited\",\"provider\":\"sim\",\"secret\":\"" + planted + "\",\"description\":\"before\"}");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(http.json("PATCH", "/api/v1/credentials/" + id,
				"{\"name\":\"audited-2\",\"secret\":\"" + replacement + "\"}").status()).isEqualTo(200);
		assertThat(http.json("DELETE", "/api/v1/credentials/" + id, null).status()).isEqualTo(204);

		Reply listed = http.get("/api/v1/audit-events?targetType=credential&targetId=" + id);

		assertThat(listed.status()).isEqualTo(200);
		List<JsonNode> items = listed.json().get("items").valueStream().toList();
		assertThat(items).extracting(e -> e.get("action").asString())
			.containsExactly("credential.deleted", "credential.updated", "credential.created");
		assertThat(items).allSatisfy(e -> {
			// the signed-in platform admin's user id
			assertThat(e.get("actor").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
			assertThat(e.get("actorIp").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
			assertThat(e.get("outcome").asString()).isEqualTo("succeeded");
		});
		JsonNode updated = items.get(1).get("details");
		assertThat(updated.get("before").get("name").asString()).isEqualTo("audited");
		assertThat(updated.get("after").get("name").asString()).isEqualTo("audited-2");
		assertThat(updated.get("changedFields").valueStream().map(JsonNode::asString)).containsExactly("name", "secret");
		assertThat(items.get(2).get("details").get("after").get("description").asString()).isEqualTo("before");
		assertThat(items.get(0).get("details").get("before").get("name").asString()).isEqualTo("audited-2");
		assertThat(listed.body()).doesNotContain(planted, replacement);
		assertThat(jdbc.sql("select count(*) from audit_events a where strpos(a::text, :s) > 0 or strpos(a::text, :r) > 0")
			.param("s", planted).param("r", replacement).query(Long.class).single()).isZero();
		assertThat(http.get("/api/v1/audit-events/verify").json().get("intact").asBoolean()).isTrue();
	}

	@Test
	void givenManyEvents_whenPagedWithFilters_thenPagesAreNewestFirstAndFollowTheCursor() {
		String action = "test.paging." + UUID.randomUUID();
		List<AuditEvent> events = IntStream.range(0, 5)
			.mapToObj(i -> audit.record(new AuditEntry(TenantId.DEFAULT, i % 2 == 0 ? "even" : "odd", null, action + ".x", "thing",
					"t-" + i, AuditEntry.SUCCEEDED, Map.of("i", i))))
			.toList();
		String base = "/api/v1/audit-events?action=" + action + "&limit=2";

		JsonNode first = http.get(base).json();
		JsonNode second = http.get(base + "&before=" + first.get("next").asLong()).json();
		JsonNode third = http.get(base + "&before=" + second.get("next").asLong()).json();

		assertThat(seqs(first)).containsExactly(events.get(4).seq(), events.get(3).seq());
		assertThat(seqs(second)).containsExactly(events.get(2).seq(), events.get(1).seq());
		assertThat(seqs(third)).containsExactly(events.get(0).seq());
		assertThat(third.get("next").isNull()).isTrue();
		assertThat(seqs(http.get("/api/v1/audit-events?action=" + action + "&actor=odd").json()))
			.containsExactly(events.get(3).seq(), events.get(1).seq());
		assertThat(seqs(http.get("/api/v1/audit-events?action=" + action + "&targetType=thing&targetId=t-2").json()))
			.containsExactly(events.get(2).seq());
		assertThat(seqs(http.get("/api/v1/audit-events?action=test.paging.nothing-like-it").json())).isEmpty();
		Instant at = events.get(2).occurredAt();
		JsonNode inWindow = http.get("/api/v1/audit-events?action=" + action + "&from=" + at + "&to=" + at.plusNanos(1000)).json();
		assertThat(seqs(inWindow)).contains(events.get(2).seq());
		assertThat(inWindow.get("items").valueStream().map(e -> Instant.parse(e.get("occurredAt").asString()))).allMatch(at::equals);
	}

	@Test
	void givenBadFilters_whenListed_thenA400ProblemNamesEachField() {
		Reply reply = http.get("/api/v1/audit-events?limit=201&before=abc&from=yesterday&to=2026-01-01T00:00:00Z");
		Reply inverted = http.get("/api/v1/audit-events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z&limit=0");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(reply.json().get("errors").valueStream().map(e -> e.get("field").asString())).containsExactlyInAnyOrder("limit",
				"before", "from");
		assertThat(inverted.json().get("errors").valueStream().map(e -> e.get("field").asString())).containsExactlyInAnyOrder("to",
				"limit");
	}

	@Test
	void givenOneRowAlteredInTheDatabase_whenVerifiedOverHttp_thenItsSeqIsReportedUntilTheRowIsPutBack() {
		AuditEvent event = audit.record(new AuditEntry(TenantId.DEFAULT, "tamper-target", null, "test.tamper", null, null,
				AuditEntry.SUCCEEDED, Map.of()));
		assertThat(http.get("/api/v1/audit-events/verify").json().get("intact").asBoolean()).isTrue();

		rewriteActor(event, "someone-innocent");
		Reply broken = http.get("/api/v1/audit-events/verify");
		rewriteActor(event, "tamper-target");
		Reply restored = http.get("/api/v1/audit-events/verify");

		assertThat(broken.status()).isEqualTo(200);
		assertThat(broken.json().get("intact").asBoolean()).isFalse();
		assertThat(broken.json().get("firstBrokenSeq").asLong()).isEqualTo(event.seq());
		assertThat(broken.json().get("problem").asString()).contains("altered");
		assertThat(restored.json().get("intact").asBoolean()).isTrue();
		assertThat(restored.json().has("firstBrokenSeq")).isFalse();
		assertThat(restored.json().get("checked").asLong()).isGreaterThanOrEqualTo(event.seq());
	}

	private void rewriteActor(AuditEvent event, String actor) {
		jdbc.sql("alter table audit_events disable trigger audit_events_append_only").update();
		try {
			jdbc.sql("update audit_events set actor = :actor where id = :id").param("actor", actor).param("id", event.id()).update();
		}
		finally {
			jdbc.sql("alter table audit_events enable trigger audit_events_append_only").update();
		}
	}

	private static List<Long> seqs(JsonNode page) {
		return page.get("items").valueStream().map(e -> e.get("seq").asLong()).toList();
	}
}
