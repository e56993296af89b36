package dev.rampart.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs honour conditional grants of custom roles: a run's owner is whoever started it. The role here reads every run
 * but cancels, resumes and retries only its own.
 */
@ServerTest
class RunConditionsIT {

	private static final String PASSWORD = "copper-meadow-lantern-" + UUID.randomUUID();

	@LocalServerPort
	int port;

	private HttpProbe admin;
	private HttpProbe member;

	@BeforeEach
	void aMemberWhoControlsOnlyTheirOwnRuns() {
		admin = HttpProbe.signedIn(port);
		String role = "runs-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(admin.json("POST", "/api/v1/roles", """
				{"name":"%s","grants":[
					{"permission":"agent:read"},
					{"permission":"agent:execute"},
					{"permission":"run:read"},
					{"permission":"run:cancel","condition":{"type":"owner"}},
					{"permission":"run:resume","condition":{"type":"owner"}}]}""".formatted(role))
			.status()).isEqualTo(201);
		String email = "runner-" + UUID.randomUUID() + "@example.org";
		String initial = "initial-" + PASSWORD;
		assertThat(admin.json("POST", "/api/v1/members",
				"{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"password\":\"" + initial + "\"}").status()).isEqualTo(201);
		member = HttpProbe.signedInChangingPassword(port, email, initial, PASSWORD);
	}

	@Test
	void theMemberReadsEveryRunButControlsOnlyTheirOwn() {
		Reply agent = admin.json("POST", "/api/v1/agents", """
				{"name":"agent %s","instructions":"Answer.","model":{"chain":[{"provider":"sim","model":"sim-echo"}]}}
				""".formatted(UUID.randomUUID()));
		assertThat(agent.status()).as(agent.body()).isEqualTo(201);
		String agentId = agent.json().get("id").asString();
		String theirs = finished(admin, agentId);
		String mine = finished(member, agentId);

		assertThat(member.get("/api/v1/runs/" + theirs).status()).isEqualTo(200);
		assertThat(member.get("/api/v1/runs/" + theirs + "/steps").status()).isEqualTo(200);
		for (String action : new String[] { "cancel", "retry" }) {
			Reply denied = member.json("POST", "/api/v1/runs/" + theirs + "/" + action, null);
			assertThat(denied.status()).as(action + ": " + denied.body()).isEqualTo(403);
			assertThat(denied.json().get("code").asString()).isEqualTo("PERMISSION_DENIED");
		}
		Reply resume = member.json("POST", "/api/v1/runs/" + theirs + "/resume", "{\"approved\":true}");
		assertThat(resume.status()).as(resume.body()).isEqualTo(403);

		// their own run passes the permission check and meets the run's state instead
		Reply cancelMine = member.json("POST", "/api/v1/runs/" + mine + "/cancel", null);
		assertThat(cancelMine.status()).as(cancelMine.body()).isEqualTo(409);
		assertThat(cancelMine.json().get("code").asString()).isEqualTo("RUN_FINISHED");
		Reply resumeMine = member.json("POST", "/api/v1/runs/" + mine + "/resume", "{\"approved\":true}");
		assertThat(resumeMine.status()).as(resumeMine.body()).isEqualTo(409);
		assertThat(resumeMine.json().get("code").asString()).isEqualTo("RUN_NOT_WAITING");
	}

	private static String finished(HttpProbe http, String agent) {
		Reply started = http.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"hello\"}");
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String run = started.json().get("id").asString();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.until(() -> http.get("/api/v1/runs/" + run).json().get("status").asString(), "succeeded"::equals);
		return run;
	}
}
