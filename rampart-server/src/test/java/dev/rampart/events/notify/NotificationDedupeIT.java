package dev.rampart.events.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.events.Notice;
import dev.rampart.events.Notification;
import dev.rampart.executions.RunAdmissionChanged;
import dev.rampart.gateway.QuotaThresholdReached;
import dev.rampart.identity.MemberPermissions;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every node reports becomes one notification (docs/notifications.md, "Once per cluster"): the same keyed notice
 * stored by two writers at once is one row; a quota level reported by two nodes in one window is one notice; a node's
 * memory pressure is one notice per episode however often its limit changes.
 */
@ServerTest
class NotificationDedupeIT {

	@LocalServerPort
	int port;

	private final JdbcNotifications notifications;
	private final NotificationRows rows;
	private final NotificationSources sources;
	private final MemberPermissions members;
	private final Clock clock;
	private final NotificationsProperties properties;
	private final TenantTransactions transactions;
	private final JdbcClient jdbc;

	@Autowired
	NotificationDedupeIT(JdbcNotifications notifications, NotificationRows rows, NotificationSources sources,
			MemberPermissions members, Clock clock, NotificationsProperties properties, TenantTransactions transactions,
			JdbcClient jdbc) {
		this.notifications = notifications;
		this.rows = rows;
		this.sources = sources;
		this.members = members;
		this.clock = clock;
		this.properties = properties;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	@Test
	void twoWritersStoringTheSameKeyedNoticeAtOnceStoreOneNotification() throws Exception {
		TenantId tenant = newTenant();
		JdbcNotifications otherNode = new JdbcNotifications(rows, members, clock, properties);
		String key = "test:" + UUID.randomUUID();
		Notice notice = Notice.forMembers("notification:read", "test_notice", Notice.INFO, "once", Map.of()).once(key);
		CyclicBarrier together = new CyclicBarrier(2);
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			for (int round = 0; round < 5; round++) {
				Notice keyed = notice.once(key + ":" + round);
				CompletableFuture<Notification> first = CompletableFuture.supplyAsync(() -> {
					meet(together);
					return notifications.publish(tenant, keyed);
				}, threads);
				CompletableFuture<Notification> second = CompletableFuture.supplyAsync(() -> {
					meet(together);
					return otherNode.publish(tenant, keyed);
				}, threads);

				assertThat(first.get().id()).isEqualTo(second.get().id());
			}
		}
		finally {
			otherNode.destroy();
		}
		notifications.publish(tenant, notice);

		assertThat(types(tenant)).containsExactly("test_notice", "test_notice", "test_notice", "test_notice",
				"test_notice", "test_notice");
		assertThat(notifications.publish(tenant, notice).id()).as("the earlier one answers").isEqualTo(lastId(tenant));
	}

	@Test
	void aQuotaLevelReportedByTwoNodesInOneWindowIsNotifiedOnce() {
		TenantId tenant = newTenant();
		Instant at = Instant.parse("2026-11-24T10:15:00Z");

		sources.on(new QuotaThresholdReached(tenant, "tokens", "near", 20, 100, at));
		sources.on(new QuotaThresholdReached(tenant, "tokens", "near", 15, 100, at.plusSeconds(2)));
		sources.on(new QuotaThresholdReached(tenant, "tokens", "exceeded", 0, 100, at.plusSeconds(3)));
		sources.on(new QuotaThresholdReached(tenant, "tokens", "exceeded", -4, 100, at.plusSeconds(4)));
		sources.on(new QuotaThresholdReached(tenant, "tokens", "near", 20, 100, at.plusSeconds(3600)));

		// the sources store in the order the events came: once the last is there, the others were handled
		await().until(() -> types(tenant).size() == 3);
		assertThat(types(tenant)).containsExactly("quota_near", "quota_exceeded", "quota_near");
	}

	@Test
	void aNodesMemoryPressureIsOneNoticePerEpisodeNamingTheNode() {
		TenantId tenant = newTenant();
		String node = "node-" + UUID.randomUUID();
		Instant at = Instant.parse("2026-11-24T11:00:00Z");

		sources.on(new RunAdmissionChanged(node, 6, 8, 0.91, true, at));
		sources.on(new RunAdmissionChanged(node, 4, 8, 0.95, true, at.plusSeconds(10)));
		sources.on(new RunAdmissionChanged(node, 8, 8, 0.5, false, at.plusSeconds(20)));
		sources.on(new RunAdmissionChanged(node, 6, 8, 0.92, true, at.plusSeconds(30)));

		await().until(() -> nodeNotices(tenant, node).size() == 3);
		assertThat(nodeNotices(tenant, node)).containsExactly("degraded", "degradation_ended", "degraded");
	}

	private TenantId newTenant() {
		String name = "dedupe-" + UUID.randomUUID();
		HttpProbe owner = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org",
				"sturdy-horse-battery-" + UUID.randomUUID());
		return TenantId.of(owner.get("/api/v1/users/me").json().get("tenant").get("id").asString());
	}

	private List<String> types(TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select type from notifications where tenant_id = :tenant"
				+ " and (type = 'test_notice' or type like 'quota%') order by id").param("tenant", tenant.value())
			.query(String.class).list());
	}

	private List<String> nodeNotices(TenantId tenant, String node) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select type from notifications where tenant_id = :tenant"
				+ " and data ->> 'node' = :node order by id").param("tenant", tenant.value()).param("node", node)
			.query(String.class).list());
	}

	private long lastId(TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select max(id) from notifications where tenant_id = :tenant")
			.param("tenant", tenant.value()).query(Long.class).single());
	}

	private static void meet(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
