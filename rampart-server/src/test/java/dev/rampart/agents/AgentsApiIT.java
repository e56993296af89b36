package dev.rampart.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.providers.BuiltInProviders;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.tools.ToolReferences;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Agents: direct creation with every problem by path, versions, ETags, aliases, rollback, lists and isolation. */
@ServerTest
class AgentsApiIT {

	private static final String PASSWORD = "sturdy-horse-battery-";

	@LocalServerPort
	int port;

	private final Agents agents;
	private final BuiltInProviders builtIn;
	private final List<ToolReferences> toolReferences;
	private final TenantTransactions transactions;
	private HttpProbe admin;

	@Autowired
	AgentsApiIT(Agents agents, BuiltInProviders builtIn, List<ToolReferences> toolReferences,
			TenantTransactions transactions) {
		this.agents = agents;
		this.builtIn = builtIn;
		this.toolReferences = toolReferences;
		this.transactions = transactions;
	}

	@BeforeEach
	void signIn() {
		admin = HttpProbe.signedIn(port);
	}

	static String definition(String name, String instructions, String tags) {
		return """
				{"name":"%s","instructions":"%s","model":{"chain":[{"provider":"sim","model":"sim-echo"}]},"tags":%s}
				""".formatted(name, instructions, tags);
	}

	static String uniqueName() {
		return "agent " + UUID.randomUUID();
	}

	@Test
	void aDirectDefinitionIsCheckedAgainstTheSchemaThenTheTenant() {
		Reply schema = admin.json("POST", "/api/v1/agents", """
				{"name":"","model":{"chain":[{"provider":"sim","model":"sim-echo","temperature":7}]},"tags":{"Bad Key":"x"}}
				""");
		assertThat(schema.status()).as(schema.body()).isEqualTo(400);
		assertThat(schema.json().get("code").asString()).isEqualTo("DEFINITION_INVALID");
		assertThat(TemplatesApiIT.fields(schema)).containsExactlyInAnyOrder("name", "instructions",
				"model.chain[0].temperature", "tags.Bad Key");

		Reply tenant = admin.json("POST", "/api/v1/agents", """
				{"name":"x","instructions":"y","model":{"chain":[{"provider":"ghost","model":"m"},{"provider":"sim","model":"gpt-9"}]},
				 "tools":[{"name":"calculator"},{"name":"no_such_tool"}],"outputSchema":{"type":"nonsense"}}
				""");
		assertThat(tenant.status()).as(tenant.body()).isEqualTo(400);
		assertThat(tenant.json().get("code").asString()).isEqualTo("DEFINITION_INVALID");
		assertThat(TemplatesApiIT.fields(tenant)).contains("model.chain[0].provider", "model.chain[1].model", "tools[1].name")
			.anyMatch(field -> field.startsWith("outputSchema"));
	}

	@Test
	void everyChangeIsANewVersionAndAStaleIfMatchIsRefusedInStrictMode() {
		String name = uniqueName();
		Reply created = admin.json("POST", "/api/v1/agents", definition(name, "First.", "{}"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(created.json().get("owner").asString()).isNotBlank();
		String id = created.json().get("id").asString();

		Reply second = admin.send("PUT", "/api/v1/agents/" + id, definition(name, "Second.", "{}"), Map.of("If-Match", "\"1\""));
		assertThat(second.status()).as(second.body()).isEqualTo(200);
		assertThat(second.header("ETag")).isEqualTo("\"2\"");

		Reply stale = admin.send("PUT", "/api/v1/agents/" + id, definition(name, "Lost.", "{}"),
				Map.of("If-Match", "\"1\"", "Prefer", "strict-concurrency"));
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.json().get("code").asString()).isEqualTo("PRECONDITION_FAILED");
		assertThat(admin.json("PUT", "/api/v1/agents/" + id, definition(name, "Third.", "{}")).header("ETag")).isEqualTo("\"3\"");

		Reply versions = admin.get("/api/v1/agents/" + id + "/versions");
		List<Integer> numbers = new ArrayList<>();
		versions.json().forEach(version -> numbers.add(version.get("version").asInt()));
		assertThat(numbers).containsExactly(3, 2, 1);
		assertThat(admin.get("/api/v1/agents/" + id + "/versions/2").json().at("/definition/instructions").asString())
			.isEqualTo("Second.");
		assertThat(admin.get("/api/v1/agents/" + id + "/versions/9").status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/audit-events?action=agent.updated").body()).contains(id);
	}

	@Test
	void aliasesPinVersionsAndMovingOneBackRollsBack() {
		String name = uniqueName();
		UUID id = UUID.fromString(admin.json("POST", "/api/v1/agents", definition(name, "Behaviour one.", "{}")).json().get("id")
			.asString());
		admin.json("PUT", "/api/v1/agents/" + id, definition(name, "Behaviour two.", "{}"));

		assertThat(admin.json("PUT", "/api/v1/agents/" + id + "/aliases/prod", "{\"version\":1}").status()).isEqualTo(200);
		assertThat(admin.json("PUT", "/api/v1/agents/" + id + "/aliases/staging", "{\"version\":2}").status()).isEqualTo(200);
		assertThat(agents.resolve(TenantId.DEFAULT, id, "prod").orElseThrow().definition().instructions())
			.isEqualTo("Behaviour one.");
		assertThat(agents.resolve(TenantId.DEFAULT, id, "staging").orElseThrow().version()).isEqualTo(2);
		assertThat(agents.resolve(TenantId.DEFAULT, id, null).orElseThrow().version()).isEqualTo(2);
		assertThat(agents.resolve(TenantId.DEFAULT, id, "1").orElseThrow().definition().instructions()).isEqualTo("Behaviour one.");
		assertThat(agents.resolve(TenantId.DEFAULT, id, "canary")).isEmpty();
		assertThat(agents.resolve(TenantId.DEFAULT, id, "7")).isEmpty();

		admin.json("PUT", "/api/v1/agents/" + id + "/aliases/prod", "{\"version\":2}");
		assertThat(agents.resolve(TenantId.DEFAULT, id, "prod").orElseThrow().definition().instructions())
			.isEqualTo("Behaviour two.");
		admin.json("PUT", "/api/v1/agents/" + id + "/aliases/prod", "{\"version\":1}");
		assertThat(agents.resolve(TenantId.DEFAULT, id, "prod").orElseThrow().definition().instructions())
			.as("rolled back").isEqualTo("Behaviour one.");

		Reply aliases = admin.get("/api/v1/agents/" + id + "/aliases");
		assertThat(aliases.json().findValuesAsString("name")).containsExactly("prod", "staging");
		assertThat(admin.get("/api/v1/agents/" + id + "/versions").json().get(0).get("aliases").get(0).asString())
			.isEqualTo("staging");
		assertThat(TemplatesApiIT.fields(admin.json("PUT", "/api/v1/agents/" + id + "/aliases/prod", "{\"version\":3}")))
			.containsExactly("version");
		assertThat(TemplatesApiIT.fields(admin.json("PUT", "/api/v1/agents/" + id + "/aliases/Prod!", "{\"version\":1}")))
			.containsExactly("name");
		assertThat(admin.json("DELETE", "/api/v1/agents/" + id + "/aliases/staging", null).status()).isEqualTo(204);
		assertThat(agents.resolve(TenantId.DEFAULT, id, "staging")).isEmpty();
		assertThat(admin.get("/api/v1/audit-events?action=agent.alias_set").body()).contains(id.toString());
	}

	@Test
	void listsPageAndFilterByTag() {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 3; i++) {
			Reply created = admin.json("POST", "/api/v1/agents", definition(uniqueName(), "Hi.",
					"{\"batch\":\"" + marker + "\",\"env\":\"" + (i == 0 ? "prod" : "staging") + "\"}"));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
		}

		Reply staging = admin.get("/api/v1/agents?tag=batch=" + marker + "&tag=env:staging");
		assertThat(staging.json().get("items").size()).isEqualTo(2);
		Reply first = admin.get("/api/v1/agents?tag=batch=" + marker + "&limit=2");
		assertThat(first.json().get("items").size()).isEqualTo(2);
		Reply rest = admin.get("/api/v1/agents?tag=batch=" + marker + "&limit=2&after=" + first.json().get("next").asString());
		assertThat(rest.json().get("items").size()).isEqualTo(1);
		assertThat(rest.json().get("next").isNull()).isTrue();
	}

	@Test
	void aLiveAgentsNameIsUniqueInTheTenant() {
		String name = uniqueName();
		admin.json("POST", "/api/v1/agents", definition(name, "One.", "{}"));

		Reply twice = admin.json("POST", "/api/v1/agents", definition(name, "Two.", "{}"));

		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("code").asString()).isEqualTo("AGENT_NAME_TAKEN");
	}

	@Test
	void anotherTenantsAgentIsNotFound() {
		String id = admin.json("POST", "/api/v1/agents", definition(uniqueName(), "Mine.", "{}")).json().get("id").asString();
		String tenant = "other-" + UUID.randomUUID().toString().substring(0, 8);
		HttpProbe other = HttpProbe.ownerOfNewTenant(port, tenant, tenant + "@example.org", PASSWORD + UUID.randomUUID());

		assertThat(other.get("/api/v1/agents/" + id).status()).isEqualTo(404);
		assertThat(other.json("DELETE", "/api/v1/agents/" + id, null).status()).isEqualTo(404);
		assertThat(other.get("/api/v1/agents").body()).doesNotContain(id);
		assertThat(admin.get("/api/v1/agents/" + id).status()).isEqualTo(200);
	}

	@Test
	void aProviderOrToolAnAgentUsesIsReportedInUse() {
		String provider = "p-" + UUID.randomUUID().toString().substring(0, 8);
		Reply configured = admin.json("POST", "/api/v1/providers",
				"{\"id\":\"" + provider + "\",\"type\":\"sim\",\"baseUrl\":\"" + builtIn.providers().getFirst().baseUrl()
						+ "\",\"models\":[{\"name\":\"m1\"}]}");
		assertThat(configured.status()).as(configured.body()).isEqualTo(201);
		String name = uniqueName();
		String id = admin.json("POST", "/api/v1/agents", """
				{"name":"%s","instructions":"x","model":{"chain":[{"provider":"%s","model":"m1"}]}}
				""".formatted(name, provider)).json().get("id").asString();

		Reply refused = admin.json("DELETE", "/api/v1/providers/" + provider, null);

		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("PROVIDER_IN_USE");
		assertThat(refused.json().get("technicalDetails").asString()).contains("agent " + name);

		admin.json("PUT", "/api/v1/agents/" + id + "/aliases/prod", "{\"version\":1}");
		admin.json("PUT", "/api/v1/agents/" + id, definition(name, "now on sim", "{}"));
		assertThat(admin.json("DELETE", "/api/v1/providers/" + provider, null).status()).as("prod still pins version 1")
			.isEqualTo(409);
		admin.json("DELETE", "/api/v1/agents/" + id + "/aliases/prod", null);
		assertThat(admin.json("DELETE", "/api/v1/providers/" + provider, null).status()).isEqualTo(204);
	}

	@Test
	void toolsBoundByALiveAgentAreReportedInUse() {
		String name = uniqueName();
		String id = admin.json("POST", "/api/v1/agents", """
				{"name":"%s","instructions":"x","model":{"chain":[{"provider":"sim","model":"sim-tools"}]},
				 "tools":[{"name":"json_query","required":true}]}
				""".formatted(name)).json().get("id").asString();

		assertThat(toolUsers(List.of("json_query", "unbound"))).contains("agent " + name);
		admin.json("DELETE", "/api/v1/agents/" + id, null);
		assertThat(toolUsers(List.of("json_query"))).doesNotContain("agent " + name);
	}

	private List<String> toolUsers(List<String> tools) {
		return transactions.inTenant(TenantId.DEFAULT, () -> toolReferences.stream()
			.flatMap(references -> references.referencesTo(TenantId.DEFAULT, tools).stream())
			.toList());
	}
}
