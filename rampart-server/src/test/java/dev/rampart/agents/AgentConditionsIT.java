package dev.rampart.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Agents honour conditional grants of custom roles: the handlers load the agent, then decide on its owner and tags.
 * The role here reads every agent, writes only its own and deletes only those tagged {@code env=staging}.
 */
@ServerTest
class AgentConditionsIT {

	private static final String PASSWORD = "amber-orchard-tide-" + UUID.randomUUID();

	@LocalServerPort
	int port;

	private HttpProbe admin;
	private HttpProbe member;

	@BeforeEach
	void aMemberWithAConditionalRole() {
		admin = HttpProbe.signedIn(port);
		String role = "own-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(admin.json("POST", "/api/v1/roles", """
				{"name":"%s","grants":[
					{"permission":"agent:read"},
					{"permission":"agent:write","condition":{"type":"owner"}},
					{"permission":"agent:delete","condition":{"type":"tags","tags":{"env":"staging"}}}]}""".formatted(role))
			.status()).isEqualTo(201);
		String email = "builder-" + UUID.randomUUID() + "@example.org";
		String initial = "initial-" + PASSWORD;
		assertThat(admin.json("POST", "/api/v1/members",
				"{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"password\":\"" + initial + "\"}").status()).isEqualTo(201);
		member = HttpProbe.signedInChangingPassword(port, email, initial, PASSWORD);
	}

	private static String agent(String name, String env) {
		return AgentsApiIT.definition(name, "Hello.", "{\"env\":\"" + env + "\"}");
	}

	@Test
	void theMemberChangesOnlyTheirOwnAgentsAndDeletesOnlyStagingOnes() {
		String theirsName = AgentsApiIT.uniqueName();
		String theirs = admin.json("POST", "/api/v1/agents", agent(theirsName, "staging")).json().get("id").asString();
		String prodName = AgentsApiIT.uniqueName();
		String prod = admin.json("POST", "/api/v1/agents", agent(prodName, "prod")).json().get("id").asString();

		assertThat(member.get("/api/v1/agents/" + theirs).status()).isEqualTo(200);
		Reply notOwner = member.json("PUT", "/api/v1/agents/" + theirs, agent(theirsName, "staging"));
		assertThat(notOwner.status()).isEqualTo(403);
		assertThat(notOwner.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");

		String mineName = AgentsApiIT.uniqueName();
		Reply mine = member.json("POST", "/api/v1/agents", agent(mineName, "prod"));
		assertThat(mine.status()).as(mine.body()).isEqualTo(201);
		String mineId = mine.json().get("id").asString();
		assertThat(member.json("PUT", "/api/v1/agents/" + mineId, agent(mineName, "prod")).status()).isEqualTo(200);
		assertThat(member.json("PUT", "/api/v1/agents/" + mineId + "/aliases/prod", "{\"version\":2}").status()).isEqualTo(200);

		assertThat(member.json("DELETE", "/api/v1/agents/" + prod, null).status()).isEqualTo(403);
		assertThat(member.json("DELETE", "/api/v1/agents/" + mineId, null).status()).as("own, but tagged prod").isEqualTo(403);
		assertThat(member.json("DELETE", "/api/v1/agents/" + theirs, null).status()).isEqualTo(204);
	}
}
