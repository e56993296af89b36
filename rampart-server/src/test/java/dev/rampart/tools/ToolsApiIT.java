package dev.rampart.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/tools} lists the built-ins with their argument schemas. */
@ServerTest
class ToolsApiIT {

	@LocalServerPort
	int port;

	@Test
	void theBuiltInToolsAreListedWithTheirSchemas() {
		Reply reply = HttpProbe.signedIn(port).get("/api/v1/tools");

		assertThat(reply.status()).isEqualTo(200);
		JsonNode calculator = reply.json().get(0);
		assertThat(calculator.get("name").asString()).isEqualTo("calculator");
		assertThat(calculator.get("builtIn").asBoolean()).isTrue();
		assertThat(calculator.get("parameters").get("required").get(0).asString()).isEqualTo("expression");
		assertThat(reply.json().get(1).get("name").asString()).isEqualTo("current_time");
	}
}
