package dev.rampart.events.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.rampart.events.Notice;
import dev.rampart.events.Notifications;
import dev.rampart.executions.RunAdmissionChanged;
import dev.rampart.executions.events.RunStatusChanged;
import dev.rampart.gateway.AnomalyDetected;
import dev.rampart.gateway.QuotaThresholdReached;
import dev.rampart.identity.MemberPermissions;
import dev.rampart.providers.ProviderBreakerChanged;
import dev.rampart.providers.ProviderKeyDisabled;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.VersionOverwritten;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns other modules' events into notifications (docs/notifications.md, "What is notified"). Each event is handled
 * after the transaction that published it commits (at once when there is none), then stored on one thread of its own
 * in the order the events came: the publisher (a model call, a run's worker, a request) never waits for it.
 */
@Component
class NotificationSources implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(NotificationSources.class);
	/** How a run's principal names a user who created it; others are {@code api-key:<id>}, {@code schedule:<id>}. */
	private static final String USER = "user:";
	/** How much of a node's name goes into a dedupe key (at most 200 characters in all). */
	private static final int MAX_NODE = 120;

	private final Notifications notifications;
	private final MemberPermissions members;
	private final NotificationsProperties properties;
	/** When this node's current memory-pressure episode began, null when there is none; the events come in order. */
	private @Nullable Instant throttledSince;
	private final ExecutorService executor = Executors.newSingleThreadExecutor(
			Thread.ofPlatform().daemon().name("notification-sources").factory());

	NotificationSources(Notifications notifications, MemberPermissions members, NotificationsProperties properties) {
		this.notifications = notifications;
		this.members = members;
		this.properties = properties;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ProviderBreakerChanged change) {
		boolean opened = change.to().equals("OPEN");
		if (!opened && !change.to().equals("CLOSED")) {
			return;
		}
		Map<String, Object> data = data("provider", change.provider(), "model", change.model(), "from", change.from(),
				"to", change.to());
		if (change.retryIn() != null) {
			data.put("retryInSeconds", change.retryIn().toSeconds());
		}
		String title = opened
				? "Calls to " + change.provider() + " / " + change.model() + " are failing: its circuit breaker opened"
				: "Calls to " + change.provider() + " / " + change.model() + " work again: its circuit breaker closed";
		Notice notice = Notice.forMembers("provider:read", opened ? "breaker_opened" : "breaker_closed",
				opened ? Notice.WARNING : Notice.INFO, title, data);
		later(change.tenant(), notice);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ProviderKeyDisabled disabled) {
		later(disabled.tenant(), Notice.forMembers("provider:read", "degraded", Notice.WARNING, "A key of provider "
				+ disabled.provider() + " was rejected and taken out of rotation", data("component", "provider_key",
						"provider", disabled.provider(), "credentialId", disabled.credentialId().toString(), "reason",
						disabled.reason())));
	}

	/**
	 * A node's memory pressure: its own notice (named in the title and {@code data.node}), one per episode however often
	 * its limit changes meanwhile; the episode is keyed by when it began, so a later one is told again.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	synchronized void on(RunAdmissionChanged change) {
		Map<String, Object> data = data("component", "run_admission", "node", change.node(), "limit", change.limit(),
				"workers", change.workers(), "throttled", change.throttled());
		Instant since = throttledSince == null ? change.at() : throttledSince;
		throttledSince = change.throttled() ? since : null;
		String node = change.node().length() > MAX_NODE ? change.node().substring(0, MAX_NODE) : change.node();
		String episode = "run_admission:" + node + ":" + since;
		later(null, change.throttled()
				? Notice.forMembers("run:read", "degraded", Notice.WARNING, "Node " + change.node() + " is short of memory"
						+ " and runs " + change.limit() + " of " + change.workers() + " runs at once: runs queue longer", data)
					.once(episode)
				: Notice.forMembers("run:read", "degradation_ended", Notice.INFO, "Node " + change.node()
						+ " runs up to " + change.workers() + " runs at once again", data).once(episode + ":ended"));
	}

	/**
	 * Every node that sees the budget run low reports it; the tenant is told once per level and {@code quota-window}.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(QuotaThresholdReached reached) {
		boolean exceeded = reached.level().equals("exceeded");
		long window = properties.quotaWindow().toSeconds();
		Instant windowStart = Instant.ofEpochSecond(Math.floorDiv(reached.at().getEpochSecond(), window) * window);
		later(reached.tenant(), Notice.forMembers("usage:read", exceeded ? "quota_exceeded" : "quota_near",
				exceeded ? Notice.CRITICAL : Notice.WARNING,
				exceeded ? "The token budget is spent: model calls are refused until it refills"
						: "80% of the token budget is spent",
				data("quota", reached.quota(), "remaining", reached.remaining(), "budget", reached.budget()))
			.once("quota:" + reached.tenant() + ":" + reached.quota() + ":" + windowStart + ":" + (exceeded ? "100" : "80")));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(AnomalyDetected anomaly) {
		if (anomaly.tenant().equals(TenantId.PLATFORM)) {
			return;
		}
		later(anomaly.tenant(), Notice.forMembers("anomaly:read", "anomaly_detected", Notice.CRITICAL,
				"Unusual activity detected: " + String.join("; ", anomaly.reasons()), data("anomalyId",
						anomaly.anomalyId().toString(), "score", anomaly.score(), "reasons", anomaly.reasons(),
						"windowStart", anomaly.windowStart().toString(), "windowEnd", anomaly.windowEnd().toString())));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(RunStatusChanged change) {
		if (change.status().equals("waiting") || change.status().equals("failed")) {
			executor.execute(() -> guarded(() -> runStopped(change)));
		}
	}

	private void runStopped(RunStatusChanged change) {
		Map<String, Object> data = data("runId", change.runId().toString(), "status", change.status());
		if (change.status().equals("waiting")) {
			notifications.publish(change.tenant(), Notice.forMembers("run:resume", "run_waiting", Notice.WARNING,
					"Run " + change.runId() + " waits for a person's approval or input", data));
		}
		else if (change.status().equals("failed")) {
			String title = "Run " + change.runId() + " failed";
			// a user who started it is told; a run of an API key or a schedule is told to whoever may read runs
			Optional<UUID> starter = change.principal().startsWith(USER) ? uuid(change.principal().substring(USER.length()))
				.filter(user -> members.displayName(change.tenant(), user).isPresent()) : Optional.empty();
			notifications.publish(change.tenant(), starter.isPresent()
					? Notice.forUser(starter.get(), "run_failed", Notice.WARNING, title, data)
					: Notice.forMembers("run:read", "run_failed", Notice.WARNING, title, data));
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(VersionOverwritten overwrite) {
		Optional<UUID> author = uuid(overwrite.overwrittenBy());
		if (author.isEmpty() || overwrite.overwrittenBy().equals(overwrite.by())) {
			return;
		}
		executor.execute(() -> guarded(() -> {
			String by = uuid(overwrite.by()).flatMap(user -> members.displayName(overwrite.tenant(), user))
				.orElse(overwrite.by());
			Map<String, Object> data = data("resource", overwrite.resource(), "id", overwrite.id(), "name",
					overwrite.name(), "overwrittenVersion", overwrite.overwrittenVersion(), "overwrittenAt",
					overwrite.overwrittenAt().toString(), "readVersion", overwrite.readVersion(), "by", overwrite.by(),
					"byName", by);
			notifications.publish(overwrite.tenant(), Notice.forUser(author.get(), "conflict", Notice.WARNING,
					by + " overwrote your change to " + overwrite.resource() + " '" + overwrite.name() + "' (version "
							+ overwrite.overwrittenVersion() + ")", data));
		}));
	}

	/** Stores the notice for {@code tenant}, or for every tenant when null, after the events before it. */
	private void later(@Nullable TenantId tenant, Notice notice) {
		executor.execute(() -> guarded(() -> {
			if (tenant == null) {
				notifications.publishToEveryTenant(notice);
			}
			else {
				notifications.publish(tenant, notice);
			}
		}));
	}

	private static void guarded(Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			log.warn("A notification was not stored: {}", ex.toString());
		}
	}

	private static Map<String, Object> data(Object... pairs) {
		Map<String, Object> data = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			data.put((String) pairs[i], pairs[i + 1]);
		}
		return data;
	}

	private static Optional<UUID> uuid(String text) {
		try {
			return text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}
