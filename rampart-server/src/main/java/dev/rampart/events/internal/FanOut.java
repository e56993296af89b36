package dev.rampart.events.internal;

import java.util.List;
import java.util.UUID;

import dev.rampart.events.EventsProperties;
import dev.rampart.executions.events.RunEventsAppended;
import dev.rampart.executions.events.RunTokens;
import dev.rampart.shared.NotifyChannels;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Carries runs' progress to every node's {@link LiveRuns}: this node's followers are signalled at once, the others
 * through Redis pub/sub when {@code rampart.redis.url} is set, else (and while Redis is lost) PostgreSQL NOTIFY
 * ({@link EventsProperties#fanOut()}). A node listens on both when it uses Redis, so a signal sent through either
 * arrives; a signal is a pointer, so hearing it twice only costs a read.
 */
@Component
class FanOut implements SmartLifecycle {

	private final LiveRuns live;
	private final String node = UUID.randomUUID().toString();
	private final @Nullable RedisChannel redis;
	private final @Nullable PostgresChannel postgres;
	private volatile boolean running;

	FanOut(LiveRuns live, EventsProperties properties, NotifyChannels channels,
			@Value("${rampart.redis.url:}") String redisUrl) {
		this.live = live;
		EventsProperties.FanOut mode = properties.fanOut();
		if (mode == EventsProperties.FanOut.REDIS && redisUrl.isBlank()) {
			throw new IllegalStateException("rampart.events.fan-out=redis needs rampart.redis.url (RAMPART_REDIS_URL)");
		}
		boolean useRedis = mode == EventsProperties.FanOut.REDIS || (mode == EventsProperties.FanOut.AUTO && !redisUrl.isBlank());
		this.redis = useRedis ? new RedisChannel(redisUrl, this::received) : null;
		this.postgres = mode == EventsProperties.FanOut.LOCAL ? null
				: new PostgresChannel(channels, this::received, live::advancedAll);
	}

	@EventListener
	void on(RunEventsAppended appended) {
		RunKey run = new RunKey(appended.tenant(), appended.runId());
		live.advanced(run, appended.lastSeq(), appended.written());
		send(new RunSignal(node, run, appended.lastSeq(), appended.terminal(), null));
	}

	@EventListener
	void on(RunTokens tokens) {
		RunKey run = new RunKey(tokens.tenant(), tokens.runId());
		live.token(run, tokens.text());
		String text = tokens.text();
		for (int from = 0; from < text.length(); from += RunSignal.MAX_TEXT) {
			send(new RunSignal(node, run, 0, false, text.substring(from, Math.min(text.length(), from + RunSignal.MAX_TEXT))));
		}
	}

	private void send(RunSignal signal) {
		String line = signal.encode();
		if (redis != null && redis.publish(line)) {
			return;
		}
		if (postgres != null) {
			postgres.publish(line);
		}
	}

	private void received(String line) {
		RunSignal signal = RunSignal.decode(line);
		if (signal == null || signal.origin().equals(node)) {
			return;
		}
		if (signal.text() == null) {
			live.advanced(signal.run(), signal.lastSeq(), List.of());
		}
		else {
			live.token(signal.run(), signal.text());
		}
	}

	/** Which way signals leave this node: {@code redis}, {@code postgres} or {@code local}. */
	String mode() {
		return redis != null ? "redis" : postgres != null ? "postgres" : "local";
	}

	@Override
	public void start() {
		running = true;
		if (postgres != null) {
			postgres.start();
		}
		if (redis != null) {
			redis.start();
		}
	}

	@Override
	public void stop() {
		running = false;
		if (redis != null) {
			redis.stop();
		}
		if (postgres != null) {
			postgres.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
