package dev.rampart.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.events.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Last writer wins (docs/notifications.md, "Conflicts"): a change with a stale {@code If-Match} is applied, answered
 * with a {@code Warning} and a {@code conflict} field, and the author of the overwritten version is notified who
 * overwrote what; {@code Prefer: strict-concurrency} keeps the 412.
 */
@ServerTest
class ConflictsIT {

	@LocalServerPort
	int port;

	@Test
	void aStaleWriteOverwritesWithAWarningAndTellsTheFirstEditorWhoOverwroteIt() {
		Member first = Members.ownerOfNewTenant(port);
		String secondName = "Second Editor " + UUID.randomUUID();
		Member second = first.add(port, "developer", secondName);
		String name = "flow-" + UUID.randomUUID();
		String id = first.http().json("POST", "/api/v1/workflows", workflow(name, "$input.a")).json().get("id").asString();
		Reply mine = first.http().send("PUT", "/api/v1/workflows/" + id, workflow(name, "$input.b"), Map.of("If-Match", "\"1\""));
		assertThat(mine.status()).as(mine.body()).isEqualTo(200);

		Reply theirs = second.http().send("PUT", "/api/v1/workflows/" + id, workflow(name, "$input.c"),
				Map.of("If-Match", "\"1\""));

		assertThat(theirs.status()).as(theirs.body()).isEqualTo(200);
		assertThat(theirs.header("ETag")).isEqualTo("\"3\"");
		assertThat(theirs.header("Warning")).startsWith("299 rampart \"overwrote version 2 changed by " + first.id() + " at ");
		JsonNode conflict = theirs.json().get("conflict");
		assertThat(conflict.get("overwrittenVersion").asLong()).isEqualTo(2);
		assertThat(conflict.get("overwrittenBy").asString()).isEqualTo(first.id().toString());
		assertThat(conflict.get("readVersion").asLong()).isEqualTo(1);
		assertThat(first.http().get("/api/v1/workflows/" + id).json().toString()).contains("$input.c");

		JsonNode notice = await().atMost(Duration.ofSeconds(60)).until(() -> conflictOf(first), node -> node != null);
		assertThat(notice.get("recipient").asString()).isEqualTo(first.id().toString());
		assertThat(notice.get("title").asString()).contains(secondName).contains(name).contains("version 2");
		assertThat(notice.get("data").get("resource").asString()).isEqualTo("workflow");
		assertThat(notice.get("data").get("id").asString()).isEqualTo(id);
		assertThat(notice.get("data").get("by").asString()).isEqualTo(second.id().toString());
		assertThat(notice.get("data").get("byName").asString()).isEqualTo(secondName);
		assertThat(conflictOf(second)).isNull();
	}

	@Test
	void inStrictModeAStaleWriteIsRefusedAndChangesNothing() {
		Member editor = Members.ownerOfNewTenant(port);
		String name = "flow-" + UUID.randomUUID();
		String id = editor.http().json("POST", "/api/v1/workflows", workflow(name, "$input.a")).json().get("id").asString();
		editor.http().json("PUT", "/api/v1/workflows/" + id, workflow(name, "$input.b"));

		Reply stale = editor.http().send("PUT", "/api/v1/workflows/" + id, workflow(name, "$input.c"),
				Map.of("If-Match", "\"1\"", "Prefer", "strict-concurrency"));
		Reply current = editor.http().send("PUT", "/api/v1/workflows/" + id, workflow(name, "$input.d"),
				Map.of("If-Match", "\"2\"", "Prefer", "strict-concurrency"));

		assertProblem(stale, 412, "PRECONDITION_FAILED");
		assertThat(current.status()).as(current.body()).isEqualTo(200);
		assertThat(current.header("Warning")).isNull();
		assertThat(current.json().has("conflict")).isFalse();
		assertThat(current.header("ETag")).isEqualTo("\"3\"");
	}

	@Test
	void aStaleChangeThatFailsOverwritesNothingAndWarnsOfNothing() {
		Member first = Members.ownerOfNewTenant(port);
		Member second = first.add(port, "developer", "Failing Editor " + UUID.randomUUID());
		String name = "flow-" + UUID.randomUUID();
		String id = first.http().json("POST", "/api/v1/workflows", workflow(name, "$input.a")).json().get("id").asString();
		first.http().send("PUT", "/api/v1/workflows/" + id, workflow(name, "$input.b"), Map.of("If-Match", "\"1\""));

		Reply invalid = second.http().send("PUT", "/api/v1/workflows/" + id,
				"{\"name\":\"" + name + "\",\"start\":\"missing\",\"steps\":[]}", Map.of("If-Match", "\"1\""));

		assertThat(invalid.status()).as(invalid.body()).isBetween(400, 499);
		assertThat(invalid.header("Warning")).isNull();
		assertThat(invalid.json().has("conflict")).isFalse();
		assertThat(first.http().get("/api/v1/workflows/" + id).header("ETag")).isEqualTo("\"2\"");
	}

	@Test
	void anAuthorWhoOverwritesTheirOwnVersionIsWarnedButNotNotified() {
		Member editor = Members.ownerOfNewTenant(port);
		String name = "flow-" + UUID.randomUUID();
		String id = editor.http().json("POST", "/api/v1/workflows", workflow(name, "$input.a")).json().get("id").asString();
		editor.http().json("PUT", "/api/v1/workflows/" + id, workflow(name, "$input.b"));

		Reply stale = editor.http().send("PUT", "/api/v1/workflows/" + id, workflow(name, "$input.c"),
				Map.of("If-Match", "\"1\""));

		assertThat(stale.status()).isEqualTo(200);
		assertThat(stale.header("Warning")).contains("overwrote version 2");
		assertThat(conflictOf(editor)).isNull();
	}

	@Test
	void anAgentOverwrittenFromAStaleVersionWarnsToo() {
		Member first = Members.ownerOfNewTenant(port);
		Member second = first.add(port, "developer", "Other Editor " + UUID.randomUUID());
		String name = "agent " + UUID.randomUUID();
		String id = first.http().json("POST", "/api/v1/agents", agent(name, "First.")).json().get("id").asString();
		first.http().send("PUT", "/api/v1/agents/" + id, agent(name, "Second."), Map.of("If-Match", "\"1\""));

		Reply stale = second.http().send("PUT", "/api/v1/agents/" + id, agent(name, "Third."), Map.of("If-Match", "\"1\""));

		assertThat(stale.status()).as(stale.body()).isEqualTo(200);
		assertThat(stale.header("Warning")).contains("overwrote version 2 changed by " + first.id());
		assertThat(stale.json().get("conflict").get("overwrittenVersion").asLong()).isEqualTo(2);
		JsonNode notice = await().atMost(Duration.ofSeconds(60)).until(() -> conflictOf(first), node -> node != null);
		assertThat(notice.get("data").get("resource").asString()).isEqualTo("agent");
		assertThat(notice.get("data").get("name").asString()).isEqualTo(name);
	}

	private static String agent(String name, String instructions) {
		return """
				{"name":"%s","instructions":"%s","model":{"chain":[{"provider":"sim","model":"sim-echo"}]},"tags":{}}
				""".formatted(name, instructions);
	}

	private static String workflow(String name, String expression) {
		return """
				{"name":"%s","start":"a","steps":[{"id":"a","type":"transform","expression":"%s"}]}
				""".formatted(name, expression);
	}

	private static JsonNode conflictOf(Member member) {
		return member.http().get("/api/v1/notifications").json().get("items").valueStream()
			.filter(item -> item.get("type").asString().equals("conflict")).findFirst().orElse(null);
	}

	private static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("code").asString()).isEqualTo(code);
	}
}
