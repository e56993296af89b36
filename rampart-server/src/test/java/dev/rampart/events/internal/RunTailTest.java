package dev.rampart.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.events.EventsProperties;
import dev.rampart.executions.events.RunEventLog;
import dev.rampart.executions.events.RunEventsAppended;
import dev.rampart.gateway.GatewayPolicies;
import dev.rampart.gateway.GatewayPolicy;
import dev.rampart.gateway.GatewayProperties;
import dev.rampart.gateway.Masked;
import dev.rampart.gateway.Masker;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.gateway.MaskingReport;
import dev.rampart.gateway.StreamMasker;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One tail per run: every feed gets exactly its events in order whether they come from the tail, from the log (a feed
 * further behind than the tail keeps) or after a lost signal; events written on this node are masked once and never
 * read back, however many feeds follow the run.
 */
class RunTailTest {

	private static final RunKey RUN = new RunKey(TenantId.DEFAULT, UUID.randomUUID());

	private final MemoryLog log = new MemoryLog();
	private final AtomicInteger masked = new AtomicInteger();
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
	private LiveRuns live = hub(1000);

	@AfterEach
	void stop() {
		executor.shutdownNow();
		live.destroy();
	}

	@Test
	void feedsOfOneRunShareItsTailAndNothingWrittenHereIsReadBack() {
		List<Collector> feeds = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			feeds.add(open(0));
		}
		await().until(() -> live.followers(RUN) == 20 && log.reads.get() >= 1); // the tail's first read
		int readsBefore = log.reads.get();
		for (int seq = 1; seq <= 100; seq++) {
			write(seq, seq == 100);
		}
		for (Collector feed : feeds) {
			await().until(() -> feed.ended);
			assertThat(feed.seqs).containsExactlyElementsOf(range(1, 100));
			assertThat(feed.data.getFirst().path("text").asString()).isEqualTo("MASKED:EVENT 1");
		}
		assertThat(log.reads.get()).as("log reads while events were pushed").isEqualTo(readsBefore);
		assertThat(masked.get()).as("each event's one string masked once for 20 feeds").isEqualTo(100);
		await().until(() -> live.followers(RUN) == 0 && live.runs() == 0);
	}

	@Test
	void aFeedBehindWhatTheTailKeepsReadsTheLogUntilItCatchesUp() {
		live.destroy();
		live = hub(8);
		Collector first = open(0);
		for (int seq = 1; seq <= 50; seq++) {
			write(seq, false);
		}
		await().until(() -> first.seqs.size() == 50);
		Collector late = open(3);
		Collector near = open(47);
		for (int seq = 51; seq <= 60; seq++) {
			write(seq, seq == 60);
		}
		for (Collector feed : List.of(first, late, near)) {
			await().until(() -> feed.ended);
		}
		assertThat(first.seqs).containsExactlyElementsOf(range(1, 60));
		assertThat(late.seqs).containsExactlyElementsOf(range(4, 60));
		assertThat(near.seqs).containsExactlyElementsOf(range(48, 60));
	}

	@Test
	void aLostSignalIsMadeGoodByTheHeartbeatAndAGapByAReadOfTheLog() {
		Collector feed = open(0);
		write(1, false);
		await().until(() -> feed.seqs.size() == 1);
		log.append(2, false); // written elsewhere, its pointer lost
		log.append(3, false);
		write(4, false); // pushed here, but 2 and 3 are missing: the tail reads them
		await().until(() -> feed.seqs.size() == 4);
		log.append(5, true); // lost again: only heartbeats notice (the tail reads at most once a second for them)
		await().until(() -> {
			feed.feed.heartbeat();
			return feed.ended;
		});
		assertThat(feed.seqs).containsExactlyElementsOf(range(1, 5));
	}

	@Test
	void feedsOfAFinishedRunLeaveTheHubEvenWhenTheyEndBeforeTheyAreFullyOpen() {
		for (int seq = 1; seq <= 5; seq++) {
			log.append(seq, seq == 5);
		}
		for (int i = 0; i < 50; i++) {
			Collector feed = open(0);
			await().until(() -> feed.ended);
			assertThat(feed.seqs).containsExactlyElementsOf(range(1, 5));
		}
		await().until(() -> live.followers() == 0 && live.runs() == 0);
	}

	private Collector open(long after) {
		Collector collector = new Collector();
		collector.feed = new RunFeed(RUN, after, log, masking(), executor, collector).start(live);
		return collector;
	}

	/** Logs the event and signals it with its content, as the journal does after a commit on this node. */
	private void write(long seq, boolean terminal) {
		RunEventLog.Event event = log.append(seq, terminal);
		live.advanced(RUN, seq, List.of(new RunEventsAppended.Written(seq, event.type(),
				Map.of("text", "event " + seq), event.at())));
	}

	private static List<Long> range(long from, long to) {
		List<Long> out = new ArrayList<>();
		for (long seq = from; seq <= to; seq++) {
			out.add(seq);
		}
		return out;
	}

	private EventMasking masking() {
		GatewayProperties properties = mock(GatewayProperties.class);
		when(properties.maskResponses()).thenReturn(true);
		GatewayPolicies policies = mock(GatewayPolicies.class);
		when(policies.of(any())).thenReturn(GatewayPolicy.defaults());
		Masker masker = new Masker() {
			@Override
			public Masked maskWithReport(String text, MaskingPolicy policy) {
				masked.incrementAndGet();
				return new Masked("MASKED:" + text.toUpperCase(), new MaskingReport(Map.of()));
			}

			@Override
			public StreamMasker stream(MaskingPolicy policy) {
				throw new UnsupportedOperationException();
			}
		};
		return new EventMasking(properties, policies, masker);
	}

	private LiveRuns hub(int kept) {
		return new LiveRuns(log, masking(), properties(kept), JsonMapper.builder().build());
	}

	private static EventsProperties properties(int kept) {
		return new EventsProperties(EventsProperties.FanOut.LOCAL, List.of(), Duration.ofSeconds(15),
				new EventsProperties.Websocket(Duration.ofSeconds(10), 256, 1 << 20, Duration.ofSeconds(5),
						Duration.ofSeconds(60), Duration.ofSeconds(25), Duration.ofSeconds(30), 4096),
				kept);
	}

	/** The run's log in memory, counting reads. */
	private static final class MemoryLog implements RunEventLog {

		final List<Event> events = Collections.synchronizedList(new ArrayList<>());
		final AtomicInteger reads = new AtomicInteger();

		Event append(long seq, boolean terminal) {
			JsonNode data = JsonNodeFactory.instance.objectNode().put("text", "event " + seq);
			Event event = new Event(seq, terminal ? "run_succeeded" : "step_completed", data, Instant.now());
			events.add(event);
			return event;
		}

		@Override
		public Optional<Run> find(TenantId tenant, UUID runId) {
			return Optional.of(new Run(runId, "someone", "running"));
		}

		@Override
		public List<Event> after(TenantId tenant, UUID runId, long afterSeq, int limit) {
			reads.incrementAndGet();
			synchronized (events) {
				return events.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
			}
		}
	}

	/** A sink that records what it was given. */
	private static final class Collector implements RunFeed.Sink {

		final List<Long> seqs = new CopyOnWriteArrayList<>();
		final List<JsonNode> data = new CopyOnWriteArrayList<>();
		volatile boolean ended;
		RunFeed feed;

		@Override
		public void events(List<LiveEvent> events) {
			for (LiveEvent event : events) {
				seqs.add(event.seq());
				data.add(event.data());
			}
		}

		@Override
		public void token(String text) {
		}

		@Override
		public void heartbeat() {
		}

		@Override
		public void ended() {
			ended = true;
		}

		@Override
		public void failed(Exception cause) {
			throw new AssertionError(cause);
		}
	}
}
