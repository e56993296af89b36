package dev.rampart.events.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.rampart.events.EventsProperties;
import dev.rampart.events.internal.LiveEvent;
import dev.rampart.events.internal.RunFeed;
import dev.rampart.events.internal.RunFeeds;
import dev.rampart.executions.events.RunEventLog;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/runs/{id}/events} with {@code Accept: text/event-stream} (docs/live-events.md): the run's logged
 * events after {@code Last-Event-ID} (or {@code ?after=}, or from the start), then live ones as they are written, each
 * as {@code id: <seq>}, {@code event: <type>}, {@code data: {"seq","type","data","at"}}, masked like every API answer;
 * streamed tokens as {@code event: token} without an id; a comment line every heartbeat; the stream ends after the
 * run's terminal event. Other {@code Accept} values get the JSON page of executions' handler.
 */
@RestController
@RequestMapping("/api/v1/runs")
class RunStreamController {

	private final RunFeeds feeds;
	private final CurrentTenant tenant;
	private final ResourceAccess access;
	private final EventsProperties properties;
	private final JsonMapper json;

	RunStreamController(RunFeeds feeds, CurrentTenant tenant, ResourceAccess access, EventsProperties properties,
			JsonMapper json) {
		this.feeds = feeds;
		this.tenant = tenant;
		this.access = access;
		this.properties = properties;
		this.json = json;
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Requires(value = "run:read", perResource = true)
	SseEmitter stream(@PathVariable String id,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			@RequestParam(name = "after", required = false) @Nullable Long after) {
		TenantId current = tenant.get();
		UUID runId = ResourceIds.uuid(id, "run");
		RunEventLog.Run run = feeds.find(current, runId).orElseThrow(() -> new RampartException(
				ErrorCode.RESOURCE_NOT_FOUND, "No run with id '" + runId + "' in this tenant."));
		access.require("run:read", run.owner(), Map.of());
		long from = from(lastEventId, after);
		SseEmitter emitter = opened();
		Cleanup cleanup = new Cleanup();
		RunFeed feed = feeds.open(current, runId, from, new Sink(emitter, json, cleanup));
		ScheduledFuture<?> heartbeat = feeds.every(properties.sseHeartbeat(), feed::heartbeat);
		RunFeeds.Counted counted = feeds.connected("sse");
		cleanup.set(() -> {
			heartbeat.cancel(false);
			feed.close();
			counted.close();
		});
		// an emitter completed before Spring took it (a finished run sent at once) never calls these: the sink does
		emitter.onCompletion(cleanup::run);
		emitter.onTimeout(cleanup::run);
		emitter.onError(error -> cleanup.run());
		return emitter;
	}

	/**
	 * An emitter whose first bytes (a comment) leave at once: the response's headers go with them, so a client sees the
	 * stream open (a browser's {@code EventSource} fires {@code open}) before the run's next event, however long that
	 * takes.
	 */
	static SseEmitter opened() {
		SseEmitter emitter = new SseEmitter(0L);
		try {
			emitter.send(SseEmitter.event().comment("open"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return emitter;
	}

	/** {@code Last-Event-ID} wins over {@code after}: a reconnecting browser sends it on its own. */
	private static long from(@Nullable String lastEventId, @Nullable Long after) {
		if (lastEventId != null && !lastEventId.isBlank()) {
			try {
				long seq = Long.parseLong(lastEventId.strip());
				if (seq >= 0) {
					return seq;
				}
			}
			catch (NumberFormatException ignored) {
				// reported below
			}
			throw new InvalidFieldsException("Last-Event-ID", "must be the id (seq) of one of this run's events");
		}
		if (after != null && after < 0) {
			throw new InvalidFieldsException("after", "must be 0 or a seq of this run's events");
		}
		return after == null ? 0 : after;
	}

	/**
	 * Stops a stream's heartbeat, feed and count once, whoever asks first: the emitter's callbacks, or the sink when the
	 * feed ended or failed (even before the stop was known).
	 */
	private static final class Cleanup implements Runnable {

		private final AtomicBoolean requested = new AtomicBoolean();
		private final AtomicBoolean done = new AtomicBoolean();
		private volatile @Nullable Runnable stop;

		void set(Runnable stop) {
			this.stop = stop;
			if (requested.get()) {
				attempt();
			}
		}

		@Override
		public void run() {
			requested.set(true);
			attempt();
		}

		private void attempt() {
			Runnable action = stop;
			if (action != null && done.compareAndSet(false, true)) {
				action.run();
			}
		}
	}

	/** Writes a feed to an {@link SseEmitter}; a failed write means the client left, which closes the feed. */
	private record Sink(SseEmitter emitter, JsonMapper json, Cleanup cleanup) implements RunFeed.Sink {

		private static final MediaType UTF8_TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

		@Override
		public void events(List<LiveEvent> events) {
			// frames encoded once per event on this node, written and flushed once per batch
			StringBuilder frames = new StringBuilder();
			for (LiveEvent event : events) {
				frames.append(event.sseFrame(json));
			}
			try {
				emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(frames.toString(), UTF8_TEXT)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void token(String text) {
			send(SseEmitter.event().name("token").data(json.writeValueAsString(Map.of("text", text))));
		}

		@Override
		public void heartbeat() {
			send(SseEmitter.event().comment("heartbeat"));
		}

		@Override
		public void ended() {
			emitter.complete();
			cleanup.run();
		}

		@Override
		public void failed(Exception cause) {
			emitter.complete();
			cleanup.run();
		}

		private void send(SseEmitter.SseEventBuilder event) {
			try {
				emitter.send(event);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}
}
