package dev.rampart.memory.web;

import java.util.List;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/agents/{agentId}/memories} over HTTP: a memory is saved, read, found by a query, counted and deleted;
 * an agent the tenant does not have is 404; invalid bodies list every offending field.
 */
@ServerTest
class MemoriesApiIT {

	@LocalServerPort
	int port;

	private HttpProbe admin;
	private UUID agent;
	private String base;

	@BeforeEach
	void anAgentOfTenantDefault() {
		admin = HttpProbe.signedIn(port);
		Reply created = admin.json("POST", "/api/v1/agents", "{\"name\":\"mem-" + UUID.randomUUID()
				+ "\",\"instructions\":\"Remember.\",\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]},"
				+ "\"memory\":{\"enabled\":true}}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		agent = UUID.fromString(created.json().get("id").asString());
		base = "/api/v1/agents/" + agent + "/memories";
	}

	@Test
	void aMemoryIsSavedReadFoundCountedAndDeleted() {
		Reply created = admin.json("POST", base, """
				{"text":"The customer prefers invoices by post","scope":"user:alice"}""");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode memory = created.json();
		String id = memory.get("id").asString();
		assertThat(created.header("Location")).isEqualTo(base + "/" + id);
		assertThat(memory.get("scope").asString()).isEqualTo("user:alice");
		assertThat(memory.get("source").asString()).isEqualTo("api");
		assertThat(memory.get("importance").asDouble()).as("estimated: a cue word").isGreaterThan(0.5);
		assertThat(memory.has("score")).isFalse();
		admin.json("POST", base, "{\"text\":\"The office closes at six\",\"importance\":0.2}");

		assertThat(admin.get(base + "/" + id).json().get("text").asString()).isEqualTo("The customer prefers invoices by post");
		JsonNode page = admin.get(base).json();
		assertThat(page.get("items").valueStream().map(m -> m.get("text").asString()))
			.containsExactly("The office closes at six", "The customer prefers invoices by post");
		JsonNode found = admin.get(base + "?query=How%20should%20invoices%20be%20sent%3F&topK=1").json().get("items");
		assertThat(found).hasSize(1);
		assertThat(found.get(0).get("id").asString()).isEqualTo(id);
		assertThat(found.get(0).get("score").asDouble()).isGreaterThan(0.3);
		assertThat(admin.get(base + "?query=invoices&scope=thread:t1").json().get("items")).isEmpty();
		JsonNode stats = admin.get(base + "/stats").json();
		assertThat(stats.get("count").asLong()).isEqualTo(2);
		assertThat(stats.get("byScope").get("user:alice").asLong()).isEqualTo(1);

		assertThat(admin.json("DELETE", base + "/" + id, null).status()).isEqualTo(204);
		assertThat(admin.get(base + "/" + id).status()).isEqualTo(404);
		assertThat(admin.json("DELETE", base + "/" + id, null).status()).isEqualTo(404);
	}

	@Test
	void anAgentTheTenantDoesNotHaveIsNotFound() {
		String unknown = "/api/v1/agents/" + UUID.randomUUID() + "/memories";
		for (Reply reply : List.of(admin.get(unknown), admin.get(unknown + "/stats"),
				admin.json("POST", unknown, "{\"text\":\"hello there\"}"), admin.get("/api/v1/agents/not-a-uuid/memories"))) {
			assertThat(reply.status()).isEqualTo(404);
			assertThat(reply.json().get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
		}
	}

	@Test
	void invalidBodiesAndParametersListEveryOffendingField() {
		Reply empty = admin.json("POST", base, "{\"text\":\"\",\"scope\":\"team:x\",\"importance\":2}");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(empty.json().get("errors").valueStream().map(e -> e.get("field").asString()))
			.containsExactlyInAnyOrder("text", "scope", "importance");

		Reply tooLong = admin.json("POST", base, "{\"text\":\"" + "x".repeat(8_001) + "\"}");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("text");

		Reply badQuery = admin.get(base + "?query=x&topK=0&scope=group:y");
		assertThat(badQuery.status()).isEqualTo(400);
		assertThat(badQuery.json().get("errors").valueStream().map(e -> e.get("field").asString()))
			.containsExactlyInAnyOrder("topK", "scope");
	}
}
