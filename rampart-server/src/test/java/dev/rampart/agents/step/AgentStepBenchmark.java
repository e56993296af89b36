package dev.rampart.agents.step;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.agents.AgentInvocations;
import dev.rampart.agents.Invocation;
import dev.rampart.agents.InvocationResult;
import dev.rampart.agents.StepListener;
import dev.rampart.shared.TenantId;
import dev.rampart.sim.LatencyModel;
import dev.rampart.sim.LlmSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline overhead of one agent step with one tool call (issue #7's target: p50 ≤ 3 ms), docs/BENCHMARKS.md
 * "Agent step". A {@code sim-tools} agent bound to {@code calculator} runs in process ({@link AgentInvocations}): two
 * streamed model calls through the provider gateway and one tool call. The baseline, interleaved with it, is the same
 * two streamed requests sent straight to the simulator with the JDK client: overhead = step − baseline, at each
 * percentile. With {@code -Dagents.bench.unique=true} every step has a new input, which prompt screening has not
 * judged before. Not a test: run with {@code ./rampart bench agent-step}.
 */
@ServerTest
@EnabledIfSystemProperty(named = "agents.bench", matches = "true")
class AgentStepBenchmark {

	private static final int WARMUP = Integer.getInteger("agents.bench.warmup", 1_500);
	private static final int ROUNDS = Integer.getInteger("agents.bench.rounds", 5_000);
	/** Each step gets a new input, so prompt screening judges it afresh (no verdict-cache hit on the user's message). */
	private static final boolean UNIQUE = Boolean.getBoolean("agents.bench.unique");
	private static final String CALCULATOR = """
			{"type":"function","function":{"name":"calculator","description":"Evaluates an arithmetic expression exactly as written and returns the number.",\
			"parameters":{"type":"object","additionalProperties":false,"required":["expression"],"properties":{"expression":{"type":"string","minLength":1}}}}}""";

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	private final AgentInvocations invocations;

	@Autowired
	AgentStepBenchmark(AgentInvocations invocations) {
		this.invocations = invocations;
	}

	@Test
	void oneStepWithOneToolCall() throws IOException, InterruptedException {
		sim.control().setLatency(LatencyModel.NONE);
		HttpProbe http = HttpProbe.signedIn(port);
		UUID agent = UUID.fromString(http.json("POST", "/api/v1/agents", "{\"name\":\"bench-" + UUID.randomUUID()
				+ "\",\"instructions\":\"You compute.\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-tools\"}]},"
				+ "\"tools\":[{\"name\":\"calculator\",\"required\":true}]}").json().get("id").asString());
		Invocation invocation = new Invocation(TenantId.DEFAULT, "user:bench", agent, "1", "What is 2 + 3?", null, null, null);
		InvocationResult check = invocations.invoke(invocation, StepListener.NONE);
		assertThat(check.output()).isEqualTo("calculator: 5");
		assertThat(check.modelCalls()).isEqualTo(2);

		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		URI url = URI.create(sim.baseUrl() + "/v1/chat/completions");
		String first = "{\"model\":\"sim-tools\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":["
				+ "{\"role\":\"system\",\"content\":\"You compute.\"},{\"role\":\"user\",\"content\":\"What is 2 + 3?\"}],"
				+ "\"tools\":[" + CALCULATOR + "]}";
		String second = "{\"model\":\"sim-tools\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":["
				+ "{\"role\":\"system\",\"content\":\"You compute.\"},{\"role\":\"user\",\"content\":\"What is 2 + 3?\"},"
				+ "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
				+ "\"function\":{\"name\":\"calculator\",\"arguments\":\"{\\\"expression\\\":\\\"2 + 3\\\"}\"}}]},"
				+ "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"5\"}],\"tools\":[" + CALCULATOR + "]}";

		for (int i = 0; i < WARMUP; i++) {
			invocations.invoke(input(invocation, i), StepListener.NONE);
			direct(client, url, first, second);
		}
		long[] steps = new long[ROUNDS];
		long[] directs = new long[ROUNDS];
		for (int i = 0; i < ROUNDS; i++) {
			Invocation step = input(invocation, WARMUP + i);
			long t0 = System.nanoTime();
			invocations.invoke(step, StepListener.NONE);
			long t1 = System.nanoTime();
			direct(client, url, first, second);
			long t2 = System.nanoTime();
			steps[i] = t1 - t0;
			directs[i] = t2 - t1;
		}
		Arrays.sort(steps);
		Arrays.sort(directs);
		String report = String.format(Locale.ROOT, """
				{"rounds":%d,"warmup":%d,"uniqueInputs":%s,"cores":%d,"java":"%s",
				 "step":{"p50":%.3f,"p90":%.3f,"p99":%.3f},
				 "direct":{"p50":%.3f,"p90":%.3f,"p99":%.3f},
				 "overhead":{"p50":%.3f,"p90":%.3f,"p99":%.3f}}
				""", ROUNDS, WARMUP, UNIQUE, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				ms(steps, 50), ms(steps, 90), ms(steps, 99), ms(directs, 50), ms(directs, 90), ms(directs, 99),
				ms(steps, 50) - ms(directs, 50), ms(steps, 90) - ms(directs, 90), ms(steps, 99) - ms(directs, 99));
		System.out.println("AGENT STEP BENCHMARK (ms) " + report);
		Files.writeString(Path.of("target", "agent-step-bench.json"), report);
	}

	private static Invocation input(Invocation invocation, int n) {
		return !UNIQUE ? invocation : new Invocation(invocation.tenant(), invocation.principal(), invocation.agentId(),
				invocation.selector(), "What is 2 + 3? (question " + n + ")", null, null, null);
	}

	/** The step's two model calls, straight to the simulator, each stream read to its end. */
	private static void direct(HttpClient client, URI url, String first, String second) throws IOException, InterruptedException {
		for (String body : new String[] {first, second}) {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
				.header("Authorization", "Bearer sim").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("the simulator answered " + response.statusCode() + ": " + response.body());
			}
		}
	}

	private static double ms(long[] sorted, int percentile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1_000_000.0;
	}
}
