package dev.rampart.gateway;

import static dev.rampart.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each JSON structure limit of {@code rampart.gateway.*} answers its own problem, and a request
 * refused for a limit changes nothing.
 */
@ServerTest
class InputLimitsIT {

	@LocalServerPort
	int port;

	HttpProbe admin;

	@BeforeEach
	void signIn() {
		admin = HttpProbe.signedIn(port);
	}

	@Test
	void aStringOverTheLimitIsRefusedAsTooLongAndCreatesNothing() {
		int before = count("/api/v1/credentials");

		Reply reply = admin.json("POST", "/api/v1/credentials", "{\"name\":\"c-" + UUID.randomUUID()
				+ "\",\"provider\":\"sim\",\"secret\":\"sk-x\",\"description\":\"" + "d".repeat(100_001) + "\"}");

		assertProblem(reply, 400, "STRING_TOO_LONG");
		assertThat(reply.json().get("technicalDetails").asString()).contains("100000 characters");
		assertThat(count("/api/v1/credentials")).isEqualTo(before);
	}

	@Test
	void aStringAtTheLimitIsReadAndLeftToTheFieldsOwnValidation() {
		Reply reply = admin.json("POST", "/api/v1/credentials", "{\"name\":\"c-" + UUID.randomUUID()
				+ "\",\"provider\":\"sim\",\"secret\":\"sk-x\",\"description\":\"" + "d".repeat(100_000) + "\"}");

		assertProblem(reply, 400, "VALIDATION_FAILED");
	}

	@Test
	void anOverlongFieldNameIsRefusedAsTooLong() {
		Reply reply = admin.json("POST", "/api/v1/credentials", "{\"" + "n".repeat(100_001) + "\":1}");

		assertProblem(reply, 400, "STRING_TOO_LONG");
	}

	@Test
	void anArrayOverTheLimitIsRefusedAsTooLongAndCreatesNothing() {
		int before = count("/api/v1/api-keys");
		String permissions = "\"agent:read\"," .repeat(10_000) + "\"agent:read\"";

		Reply reply = admin.json("POST", "/api/v1/api-keys",
				"{\"name\":\"too-many\",\"permissions\":[" + permissions + "]}");

		assertProblem(reply, 400, "ARRAY_TOO_LONG");
		assertThat(reply.json().get("technicalDetails").asString()).contains("/permissions").contains("10000");
		assertThat(count("/api/v1/api-keys")).isEqualTo(before);
	}

	@Test
	void anArrayAtTheLimitPassesTheGatewayToTheEndpointsOwnChecks() {
		String permissions = "\"agent:read\"," .repeat(9_999) + "\"agent:read\"";

		Reply reply = admin.json("POST", "/api/v1/api-keys",
				"{\"name\":\"many-" + UUID.randomUUID() + "\",\"permissions\":[" + permissions + "]}");

		assertThat(reply.status()).as(reply.body()).isIn(201, 400);
		assertThat(reply.body()).doesNotContain("ARRAY_TOO_LONG");
	}

	@Test
	void anOverlongArrayDeepInsideTheBodyIsNamedByItsPointer() {
		Reply reply = admin.json("POST", "/api/v1/roles", "{\"name\":\"r\",\"grants\":[{\"permission\":\"agent:read\","
				+ "\"condition\":{\"type\":\"network\",\"cidrs\":[" + "\"10.0.0.0/8\",".repeat(10_000) + "\"10.0.0.0/8\"]}}]}");

		assertProblem(reply, 400, "ARRAY_TOO_LONG");
		assertThat(reply.json().get("technicalDetails").asString()).contains("/grants/0/condition/cidrs");
	}

	@Test
	void nestingOverTheLimitIsRefusedAsTooDeepAndCreatesNothing() {
		int before = count("/api/v1/roles");
		String condition = "{\"type\":\"owner\"}";
		for (int i = 0; i < 20; i++) {
			condition = "{\"type\":\"allOf\",\"conditions\":[" + condition + "]}";
		}

		Reply reply = admin.json("POST", "/api/v1/roles",
				"{\"name\":\"deep-" + UUID.randomUUID() + "\",\"grants\":[{\"permission\":\"agent:read\",\"condition\":"
						+ condition + "}]}");

		assertProblem(reply, 400, "NESTING_TOO_DEEP");
		assertThat(reply.json().get("technicalDetails").asString()).contains("32 levels");
		assertThat(count("/api/v1/roles")).isEqualTo(before);
	}

	@Test
	void aBodyOverTheSizeLimitStaysPayloadTooLarge() {
		Reply reply = admin.json("POST", "/api/v1/credentials", "[" + "1,".repeat(600_000) + "1]");

		assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void invisibleCharactersAreCleanedFromNamesBeforeTheyAreStored() {
		Reply reply = admin.json("POST", "/api/v1/credentials", "{\"name\":\"\\uFF50\\uFF52\\uFF4F\\uFF44-\\u200Dkey-"
				+ UUID.randomUUID() + "\\u202E\",\"provider\":\"sim\",\"secret\":\"sk-x\",\"description\":\" two\\u200Blines\\n \"}");

		assertThat(reply.status()).isEqualTo(201);
		assertThat(reply.json().get("name").asString()).startsWith("prod-key-").doesNotContain("\u202E");
		assertThat(reply.json().get("description").asString()).isEqualTo("twolines");
	}

	@Test
	void aNameOfOnlyInvisibleCharactersIsBlank() {
		Reply reply = admin.json("POST", "/api/v1/api-keys", "{\"name\":\"\\u200B\\u200D\\uFEFF\",\"permissions\":[]}");

		assertProblem(reply, 400, "VALIDATION_FAILED");
		assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
	}

	private int count(String path) {
		Reply list = admin.get(path);
		assertThat(list.status()).isEqualTo(200);
		return list.json().get("items").size();
	}
}
