package dev.rampart.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerSentEvents;
import dev.rampart.ServerSentEvents.Event;
import dev.rampart.ServerTest;
import dev.rampart.sim.Fault;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The must-show of masking: a key planted in a model's reply never reaches the client in clear, streamed or
 * not, also when it arrives split over two chunks; a tenant whose policy allows the category gets it as it is.
 * Over real HTTP: the playground endpoint, the interceptor chain and the built-in simulator's {@code sim-echo}.
 */
@ServerTest
class ModelMaskingIT {

	private static final String OPENAI_KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0";
	private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
	private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
	private static final String PLANTED = "Repeat after me: the key is " + OPENAI_KEY + " and " + AWS_KEY + " and the token " + JWT
			+ " ok";

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	@Autowired
	MeterRegistry meters;

	private HttpProbe owner;
	private List<ScriptRule> rulesBefore;

	@BeforeEach
	void ownTenant() {
		String name = "mask-" + UUID.randomUUID().toString().substring(0, 8);
		owner = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", "amber-falcon-river-41");
		rulesBefore = sim.control().rules();
	}

	@AfterEach
	void restoreRules() {
		sim.control().setRules(rulesBefore);
	}

	private Reply chat(String content, boolean stream) {
		return owner.json("POST", "/api/v1/providers/sim/chat", "{\"model\":\"sim-echo\",\"stream\":" + stream
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}");
	}

	@Test
	void aNonStreamingReplyCarriesTheMaskedFormAndNeverTheClearKeys() {
		Reply reply = chat(PLANTED, false);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.body()).doesNotContain(OPENAI_KEY).doesNotContain(AWS_KEY).doesNotContain(JWT);
		assertThat(reply.json().get("reply").asString()).isEqualTo(
				"Repeat after me: the key is [redacted:api-key] and [redacted:api-key] and the token [redacted:jwt] ok");
		assertThat(reply.json().get("masked").get("API_KEY").asInt()).isEqualTo(2);
		assertThat(reply.json().get("masked").get("JWT").asInt()).isEqualTo(1);
		assertThat(reply.json().get("finishReason").asString()).isEqualTo("stop");
		assertThat(reply.json().get("usage").get("outputTokens").asInt()).isPositive();
		assertThat(meters.counter("rampart.gateway.masked", "surface", "model-reply", "category", "jwt").count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void aStreamedReplyNeverCarriesTheClearKeysInAnyDelta() {
		Reply reply = chat(PLANTED, true);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.contentType()).startsWith("text/event-stream");
		assertThat(reply.body()).doesNotContain(OPENAI_KEY).doesNotContain(AWS_KEY).doesNotContain(JWT);
		List<Event> events = ServerSentEvents.parse(reply.body());
		assertThat(events.stream().filter(e -> e.name().equals("delta")).count()).isGreaterThan(3);
		assertThat(ServerSentEvents.text(events)).isEqualTo(
				"Repeat after me: the key is [redacted:api-key] and [redacted:api-key] and the token [redacted:jwt] ok");
		Event done = events.getLast();
		assertThat(done.name()).isEqualTo("done");
		assertThat(done.data().get("masked").get("API_KEY").asInt()).isEqualTo(2);
		assertThat(done.data().get("finishReason").asString()).isEqualTo("stop");
	}

	@Test
	void aKeySplitOverTwoDeltasIsStillMasked() throws Exception {
		String marker = "split-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(marker).lastUserContains(marker)
			.replyText("your key: " + OPENAI_KEY + " keep it safe").streamPieceChars(12).build());
		// the simulator really cuts the key: no chunk holds it whole, two or more together do
		List<String> raw = rawDeltas(marker);
		assertThat(raw).noneMatch(delta -> delta.contains(OPENAI_KEY));
		assertThat(String.join("", raw)).contains(OPENAI_KEY);

		Reply reply = chat(marker, true);

		assertThat(reply.body()).doesNotContain(OPENAI_KEY).doesNotContain(OPENAI_KEY.substring(0, 12) + "\"");
		List<Event> events = ServerSentEvents.parse(reply.body());
		assertThat(ServerSentEvents.text(events)).isEqualTo("your key: [redacted:api-key] keep it safe");
		assertThat(events.getLast().data().get("masked").get("API_KEY").asInt()).isEqualTo(1);
	}

	@Test
	void aTenantWhosePolicyAllowsKeysGetsThemInClearStreamedOrNot() {
		Reply put = owner.json("PUT", "/api/v1/gateway-policy", "{\"masking\":{\"API_KEY\":\"ALLOW\"}}");
		assertThat(put.status()).as(put.body()).isEqualTo(200);

		Reply whole = chat(PLANTED, false);
		Reply streamed = chat(PLANTED, true);

		assertThat(whole.json().get("reply").asString()).contains(OPENAI_KEY).contains(AWS_KEY).doesNotContain(JWT);
		assertThat(ServerSentEvents.text(ServerSentEvents.parse(streamed.body()))).contains(OPENAI_KEY).contains(AWS_KEY)
			.doesNotContain(JWT);
	}

	@Test
	void withPromptMaskingTheModelNeverSeesTheKey() {
		owner.json("PUT", "/api/v1/gateway-policy", "{\"maskPrompts\":true}");
		double before = meters.counter("rampart.gateway.masked", "surface", "model-prompt", "category", "api-key").count();

		Reply reply = chat(PLANTED, false);

		// sim-echo repeats what it received: the masked prompt, so nothing is left to mask in the reply
		assertThat(reply.json().get("reply").asString()).contains("[redacted:api-key]").doesNotContain(OPENAI_KEY);
		assertThat(reply.json().get("masked").isEmpty()).isTrue();
		assertThat(meters.counter("rampart.gateway.masked", "surface", "model-prompt", "category", "api-key").count())
			.isEqualTo(before + 2);
	}

	@Test
	void aProviderFailureBeforeAnyTextIsA502ProblemAndAFailureMidStreamAnErrorEvent() {
		String failing = "fail-" + UUID.randomUUID();
		String broken = "broken-" + UUID.randomUUID();
		sim.control().addRule(ScriptRule.builder(failing).lastUserContains(failing).fault(Fault.SERVER_ERROR, 1.0).build());
		sim.control().addRule(ScriptRule.builder(broken).lastUserContains(broken).replyText("first words then more")
			.fault(Fault.MALFORMED, 1.0).build());

		Reply whole = chat(failing, false);
		Reply streamedBeforeText = chat(failing, true);
		Reply streamedMidway = chat(broken, true);

		for (Reply failed : List.of(whole, streamedBeforeText)) {
			assertThat(failed.status()).as(failed.body()).isEqualTo(502);
			assertThat(failed.contentType()).startsWith("application/problem+json");
			assertThat(failed.json().get("code").asString()).isEqualTo("PROVIDER_CALL_FAILED");
			assertThat(failed.json().get("canRetry").asBoolean()).isTrue();
			assertThat(failed.json().get("technicalDetails").asString()).isEqualTo("Provider 'sim' answered HTTP 500.");
		}
		List<Event> events = ServerSentEvents.parse(streamedMidway.body());
		assertThat(streamedMidway.status()).isEqualTo(200);
		assertThat(events.getFirst().name()).isEqualTo("delta");
		assertThat(events.getLast().name()).isEqualTo("error");
		assertThat(events.getLast().data().get("code").asString()).isEqualTo("PROVIDER_CALL_FAILED");
	}

	@Test
	void anUnknownProviderIsNotFoundAndAnUnknownModelOrRoleIsInvalid() {
		Reply unknown = owner.json("POST", "/api/v1/providers/nope/chat",
				"{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		Reply badModel = owner.json("POST", "/api/v1/providers/sim/chat",
				"{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		Reply badRole = owner.json("POST", "/api/v1/providers/sim/chat",
				"{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"tool\",\"content\":\"hi\"}]}");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
		assertThat(badModel.status()).isEqualTo(400);
		assertThat(badModel.json().get("errors").get(0).get("message").asString()).contains("sim-echo");
		assertThat(badRole.status()).isEqualTo(400);
		assertThat(badRole.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");
	}

	/** The text chunks the simulator streams for {@code prompt}, read by a plain OpenAI client. */
	private List<String> rawDeltas(String prompt) throws Exception {
		OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
			.baseUrl(sim.baseUrl() + "/v1")
			.apiKey("none")
			.modelName("sim-echo")
			.build();
		List<String> deltas = new ArrayList<>();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		model.chat(prompt, new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(String partial) {
				deltas.add(partial);
			}

			@Override
			public void onCompleteResponse(ChatResponse response) {
				done.complete(response);
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}
		});
		done.get(30, TimeUnit.SECONDS);
		return deltas;
	}
}
