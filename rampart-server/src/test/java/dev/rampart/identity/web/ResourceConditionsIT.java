package dev.rampart.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Grants with conditions on the resource, end to end: a custom role lets its members execute only
 * agents tagged {@code env=staging} and change only agents they own. The agents are stand-ins served
 * by a controller of this test, shaped like the real ones (#7): the service loads the resource, then
 * asks {@link ResourceAccess}.
 */
@ServerTest
@Import(ResourceConditionsIT.StandInAgents.class)
class ResourceConditionsIT {

	private static final String PASSWORD = "amber-orchard-tide-64";

	@LocalServerPort
	int port;

	private HttpProbe member;
	private String memberId;

	@BeforeEach
	void aMemberWithAConditionalCustomRole() {
		HttpProbe admin = HttpProbe.signedIn(port);
		String role = "staging-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(admin.json("POST", "/api/v1/roles", """
				{"name":"%s","grants":[
					{"permission":"agent:execute","condition":{"type":"tags","tags":{"env":"staging"}}},
					{"permission":"agent:write","condition":{"type":"owner"}},
					{"permission":"agent:read"}]}""".formatted(role)).status()).isEqualTo(201);
		String email = "runner-" + UUID.randomUUID() + "@example.org";
		String initial = "initial-" + PASSWORD;
		Reply added = admin.json("POST", "/api/v1/members",
				"{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"password\":\"" + initial + "\"}");
		assertThat(added.status()).isEqualTo(201);
		memberId = added.json().get("userId").asString();
		member = HttpProbe.signedInChangingPassword(port, email, initial, PASSWORD);
		StandInAgents.AGENTS.put("staging-bot", new StandInAgents.Agent(null, Map.of("env", "staging")));
		StandInAgents.AGENTS.put("prod-bot", new StandInAgents.Agent(null, Map.of("env", "prod")));
		StandInAgents.AGENTS.put("mine", new StandInAgents.Agent(memberId, Map.of()));
		StandInAgents.AGENTS.put("theirs", new StandInAgents.Agent(UUID.randomUUID().toString(), Map.of()));
	}

	@Test
	void aTagConditionLetsTheMemberExecuteOnlyMatchingAgents() {
		assertThat(member.json("POST", "/api/v1/stand-in-agents/staging-bot/execute", null).status()).isEqualTo(200);

		Reply prod = member.json("POST", "/api/v1/stand-in-agents/prod-bot/execute", null);

		assertThat(prod.status()).isEqualTo(403);
		assertThat(prod.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");
		assertThat(HttpProbe.signedIn(port).get("/api/v1/audit-events?action=access.denied&actor=" + memberId).json()
			.get("items").get(0).get("details").get("permission").asString()).isEqualTo("agent:execute");
	}

	@Test
	void anOwnerConditionLetsTheMemberChangeOnlyTheirOwnAgents() {
		assertThat(member.json("PATCH", "/api/v1/stand-in-agents/mine", "{}").status()).isEqualTo(200);
		assertThat(member.json("PATCH", "/api/v1/stand-in-agents/theirs", "{}").status()).isEqualTo(403);
		assertThat(member.json("PATCH", "/api/v1/stand-in-agents/staging-bot", "{}").status()).isEqualTo(403);
	}

	@Test
	void anEndpointThatDoesNotDecidePerResourceNeverHonoursAResourceCondition() {
		Reply reply = member.json("POST", "/api/v1/stand-in-agents/staging-bot/execute-without-resource-check", null);

		assertThat(reply.status()).isEqualTo(403);
	}

	@Test
	void aRoleWithoutThePermissionIsRefusedBeforeTheResourceIsLoaded() {
		StandInAgents.loads.set(0);

		Reply reply = member.json("POST", "/api/v1/stand-in-agents/staging-bot/delete", null);

		assertThat(reply.status()).isEqualTo(403);
		assertThat(StandInAgents.loads.get()).isZero();
	}

	/** Agents as #7 will serve them: loaded first (404 when missing), then decided on. */
	@RestController
	@RequestMapping("/api/v1/stand-in-agents")
	static class StandInAgents {

		record Agent(@Nullable String owner, Map<String, String> tags) {
		}

		static final Map<String, Agent> AGENTS = new ConcurrentHashMap<>();
		static final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();

		private final ResourceAccess access;

		StandInAgents(ResourceAccess access) {
			this.access = access;
		}

		@PostMapping("/{name}/execute")
		@Requires(value = "agent:execute", perResource = true)
		Map<String, String> execute(@PathVariable String name) {
			Agent agent = load(name);
			access.require("agent:execute", agent.owner(), agent.tags());
			return Map.of("executed", name);
		}

		@PatchMapping("/{name}")
		@Requires(value = "agent:write", perResource = true)
		Map<String, String> change(@PathVariable String name) {
			Agent agent = load(name);
			access.require("agent:write", agent.owner(), agent.tags());
			return Map.of("changed", name);
		}

		@PostMapping("/{name}/execute-without-resource-check")
		@Requires("agent:execute")
		Map<String, String> executeUnchecked(@PathVariable String name) {
			return Map.of("executed", load(name).toString());
		}

		@PostMapping("/{name}/delete")
		@Requires(value = "agent:delete", perResource = true)
		Map<String, String> delete(@PathVariable String name) {
			Agent agent = load(name);
			access.require("agent:delete", agent.owner(), agent.tags());
			return Map.of("deleted", name);
		}

		private static Agent load(String name) {
			loads.incrementAndGet();
			Agent agent = AGENTS.get(name);
			if (agent == null) {
				throw new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No stand-in agent " + name);
			}
			return agent;
		}
	}
}
