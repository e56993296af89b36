package dev.rampart.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.events.Members.Member;
import dev.rampart.providers.ProviderBreakerChanged;
import dev.rampart.shared.TenantTransactions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Notifications end to end: stored per tenant, replayed after {@code Last-Event-ID} and followed live over SSE without
 * gap or duplicate, shown only to the user they are for or to members whose role covers them, never to another tenant;
 * produced from other modules' events (a breaker that opens, runs that wait or fail).
 */
@ServerTest
class NotificationsIT {

	private static final Duration WAIT = Duration.ofSeconds(60);
	/** An address the default policy masks partly (docs/masking.md). */
	private static final String MAIL = "ops.lead@example.com";
	private static final String MASKED_MAIL = "o***@example.com";

	@LocalServerPort
	int port;

	private final Notifications notifications;
	private final ApplicationEventPublisher events;
	private final TenantTransactions transactions;
	private final JdbcClient jdbc;
	private final DataSource dataSource;

	@Autowired
	NotificationsIT(Notifications notifications, ApplicationEventPublisher events, TenantTransactions transactions,
			JdbcClient jdbc, DataSource dataSource) {
		this.dataSource = dataSource;
		this.notifications = notifications;
		this.events = events;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	@Test
	void aStreamReplaysAfterLastEventIdThenFollowsLiveAndAReconnectNeitherMissesNorRepeats() throws Exception {
		Member owner = Members.ownerOfNewTenant(port);
		long first = notifications.publish(owner.tenant(), notice(owner.id(), "first")).id();
		notifications.publish(owner.tenant(), notice(UUID.randomUUID(), "for someone else"));
		long third = notifications.publish(owner.tenant(), Notice.forMembers("provider:read", "breaker_opened",
				Notice.WARNING, "third", Map.of())).id();

		long fourth;
		try (SseClient stream = new SseClient(port, "/api/v1/notifications/stream", owner.token(), Long.toString(first))) {
			assertThat(stream.status()).isEqualTo(200);
			SseClient.Event replayed = stream.next();
			assertThat(replayed.id()).isEqualTo(Long.toString(third));
			assertThat(replayed.name()).isEqualTo("notification");
			assertThat(replayed.data().get("title").asString()).isEqualTo("third");

			fourth = notifications.publish(owner.tenant(), notice(owner.id(), "fourth")).id();
			SseClient.Event live = stream.next();
			assertThat(live.id()).isEqualTo(Long.toString(fourth));
			assertThat(live.data().get("title").asString()).isEqualTo("fourth");
		}
		notifications.publish(owner.tenant(), notice(owner.id(), "fifth while away"));

		try (SseClient resumed = new SseClient(port, "/api/v1/notifications/stream", owner.token(), Long.toString(fourth))) {
			assertThat(resumed.next().data().get("title").asString()).isEqualTo("fifth while away");
			notifications.publish(owner.tenant(), notice(owner.id(), "sixth"));
			assertThat(resumed.next().data().get("title").asString()).isEqualTo("sixth");
			assertThat(resumed.poll()).isNull();
		}

		Reply page = owner.http().get("/api/v1/notifications?after=0&limit=3");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		assertThat(titles(page)).containsExactly("first", "third", "fourth");
		Reply rest = owner.http().get("/api/v1/notifications?after=" + page.json().get("next").asLong());
		assertThat(titles(rest)).containsExactly("fifth while away", "sixth");
		assertThat(rest.json().get("next").isNull()).isTrue();
	}

	@Test
	void aNotificationAnotherNodeStoredReachesTheStreamThroughListenNotify() throws Exception {
		Member owner = Members.ownerOfNewTenant(port);
		long first = notifications.publish(owner.tenant(), notice(owner.id(), "from this node")).id();

		try (SseClient stream = new SseClient(port, "/api/v1/notifications/stream", owner.token(), Long.toString(first))) {
			// what another node's publish does: the row with the tenant's next id, then NOTIFY with the tenant; no local wake
			JdbcClient otherNode = DatabaseOwner.jdbc(dataSource);
			otherNode.sql("update notification_heads set last_id = last_id + 1 where tenant_id = :tenant")
				.param("tenant", owner.tenant().value()).update();
			otherNode.sql("""
					insert into notifications (tenant_id, id, recipient, type, severity, title, data, created_at)
					select tenant_id, last_id, :user, 'test', 'info', 'from another node', '{}', now()
					from notification_heads where tenant_id = :tenant""")
				.param("tenant", owner.tenant().value()).param("user", owner.id()).update();
			otherNode.sql("select pg_notify('rampart_notifications', :tenant)")
				.param("tenant", owner.tenant().value().toString()).query().listOfRows();

			SseClient.Event event = stream.next();
			assertThat(event.id()).isEqualTo(Long.toString(first + 1));
			assertThat(event.data().get("title").asString()).isEqualTo("from another node");
		}
	}

	@Test
	void theStreamMasksNotificationsByTheTenantsPolicyAsThePageDoes() throws Exception {
		Member owner = Members.ownerOfNewTenant(port);
		long published = notifications.publish(owner.tenant(), Notice.forUser(owner.id(), "test_notice", Notice.INFO,
				"write to " + MAIL, Map.of("contact", MAIL, "more", Map.of("list", List.of(MAIL, 42))))).id();

		try (SseClient stream = new SseClient(port, "/api/v1/notifications/stream", owner.token(),
				Long.toString(published - 1))) {
			SseClient.Event event = stream.next();

			assertThat(event.data().get("title").asString()).isEqualTo("write to " + MASKED_MAIL);
			assertThat(event.data().at("/data/contact").asString()).isEqualTo(MASKED_MAIL);
			assertThat(event.data().at("/data/more/list/0").asString()).isEqualTo(MASKED_MAIL);
			assertThat(event.data().at("/data/more/list/1").asInt()).isEqualTo(42);
			assertThat(event.data().toString()).doesNotContain(MAIL);
		}
		JsonNode page = owner.http().get("/api/v1/notifications?after=" + (published - 1)).json();
		assertThat(page.at("/items/0/title").asString()).isEqualTo("write to " + MASKED_MAIL);
	}

	@Test
	void theStreamWantsTheEventStreamMediaTypeAndAValidLastEventId() throws Exception {
		Member owner = Members.ownerOfNewTenant(port);

		assertProblem(owner.http().get("/api/v1/notifications/stream"), 406, "STREAM_NOT_ACCEPTED");
		assertProblem(owner.http().send("GET", "/api/v1/notifications/stream", null,
				Map.of("Accept", "text/event-stream", "Last-Event-ID", "yesterday")), 400, "VALIDATION_FAILED");
		assertProblem(owner.http().get("/api/v1/notifications?limit=0"), 400, "VALIDATION_FAILED");
		assertThat(new HttpProbe(port).get("/api/v1/notifications").status()).isEqualTo(401);
	}

	@Test
	void aBreakerThatOpensIsShownToTheTenantsMembersWhoMayReadProvidersAndToNoOtherTenant() {
		Member owner = Members.ownerOfNewTenant(port);
		Member viewer = owner.add(port, "viewer", "Viewer " + UUID.randomUUID());
		String role = "notified-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(owner.http().json("POST", "/api/v1/roles",
				"{\"name\":\"" + role + "\",\"grants\":[{\"permission\":\"notification:read\"}]}").status()).isEqualTo(201);
		Member limited = owner.add(port, role, "Limited " + UUID.randomUUID());
		Member stranger = Members.ownerOfNewTenant(port);
		String provider = "p-" + UUID.randomUUID().toString().substring(0, 8);

		events.publishEvent(new ProviderBreakerChanged(owner.tenant(), provider, "sim-echo", "CLOSED", "OPEN",
				Duration.ofSeconds(30), Instant.now()));
		// a marker published after the breaker's notice: once a member sees it, the notice before it is stored too
		notifications.publish(owner.tenant(), Notice.forMembers("notification:read", "marker", Notice.INFO, "marker",
				Map.of()));

		JsonNode opened = await().atMost(WAIT).until(() -> find(owner, "breaker_opened"), node -> node != null);
		assertThat(opened.get("severity").asString()).isEqualTo("warning");
		assertThat(opened.get("data").get("provider").asString()).isEqualTo(provider);
		assertThat(opened.get("data").get("retryInSeconds").asLong()).isEqualTo(30);
		assertThat(find(viewer, "breaker_opened")).isNotNull();
		await().atMost(WAIT).until(() -> find(limited, "marker"), node -> node != null);
		assertThat(find(limited, "breaker_opened")).isNull();
		assertThat(stranger.http().get("/api/v1/notifications").body()).doesNotContain(provider);
		assertThat(transactions.inTenant(stranger.tenant(), () -> jdbc.sql(
				"select count(*) from notifications where tenant_id = :tenant")
			.param("tenant", owner.tenant().value()).query(Long.class).single())).isZero();
	}

	@Test
	void aRunThatWaitsForApprovalAndOneThatFailsAreNotified() {
		Member owner = Members.ownerOfNewTenant(port);
		String approval = created(owner, """
				{"name": "approve-%s", "start": "ask", "steps": [
				 {"id": "ask", "type": "approval", "prompt": "Ship it?", "next": "done"},
				 {"id": "done", "type": "transform", "expression": "'shipped'"}]}""".formatted(UUID.randomUUID()));
		String failing = created(owner, """
				{"name": "fail-%s", "start": "boom", "steps": [
				 {"id": "boom", "type": "transform", "expression": "$number('not a number')"}]}"""
			.formatted(UUID.randomUUID()));

		String waiting = start(owner, approval);
		String failed = start(owner, failing);

		JsonNode waits = await().atMost(WAIT).until(() -> find(owner, "run_waiting"), node -> node != null);
		assertThat(waits.get("data").get("runId").asString()).isEqualTo(waiting);
		JsonNode fails = await().atMost(WAIT).until(() -> find(owner, "run_failed"), node -> node != null);
		assertThat(fails.get("data").get("runId").asString()).isEqualTo(failed);
		assertThat(fails.get("recipient").asString()).isEqualTo(owner.id().toString());
	}

	private static Notice notice(UUID user, String title) {
		return Notice.forUser(user, "test", Notice.INFO, title, Map.of("n", title));
	}

	private static List<String> titles(Reply page) {
		return page.json().get("items").valueStream().map(item -> item.get("title").asString()).toList();
	}

	private static JsonNode find(Member member, String type) {
		Reply page = member.http().get("/api/v1/notifications?limit=200");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return page.json().get("items").valueStream().filter(item -> item.get("type").asString().equals(type))
			.findFirst().orElse(null);
	}

	private static String created(Member member, String workflow) {
		Reply reply = member.http().json("POST", "/api/v1/workflows", workflow);
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		return reply.json().get("id").asString();
	}

	private static String start(Member member, String workflow) {
		Reply reply = member.http().json("POST", "/api/v1/workflows/" + workflow + "/runs", "{\"input\":{}}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(202);
		return reply.json().get("id").asString();
	}

	private static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("code").asString()).isEqualTo(code);
	}
}
