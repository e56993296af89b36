package dev.rampart.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.PublicEndpoint;
import dev.rampart.shared.RampartException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Every way a request can fail answers RFC 9457 problem+json with the user-friendly fields, and
 * nothing internal (SQL, library messages, stack traces, secrets) reaches the client.
 */
@ServerTest
@Import(ProblemResponsesIT.Probe.class)
class ProblemResponsesIT {

	static final String SECRET = "sk-live-planted-secret-4242";

	@LocalServerPort
	int port;

	HttpProbe http;

	@BeforeEach
	void client() {
		http = HttpProbe.signedIn(port);
	}

	@Test
	void unknownRouteAnswersRouteNotFound() {
		Reply reply = http.get("/api/v1/no-such-thing");

		assertProblem(reply, 404, "ROUTE_NOT_FOUND");
		assertThat(reply.json().get("technicalDetails").asString()).contains("GET /api/v1/no-such-thing");
	}

	@Test
	void malformedJsonAnswersMalformedRequestWithItsLocation() {
		Reply reply = http.post("/test/things", "application/json", "{\"name\": \"a\",\n  oops");

		assertProblem(reply, 400, "MALFORMED_REQUEST");
		assertThat(reply.json().get("technicalDetails").asString()).startsWith("The request body is not valid JSON")
			.contains("line 2");
	}

	@Test
	void unknownFieldIsRejectedByName() {
		Reply reply = http.post("/test/things", "application/json", "{\"name\":\"a\",\"isAdmin\":true}");

		assertProblem(reply, 400, "UNKNOWN_FIELD");
		assertThat(reply.json().get("technicalDetails").asString()).contains("'isAdmin'");
	}

	@Test
	void invalidFieldsAreListed() {
		Reply reply = http.post("/test/things", "application/json", "{\"name\":\"\"}");

		assertProblem(reply, 400, "VALIDATION_FAILED");
		assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
	}

	@Test
	void wrongMediaTypeAnswersUnsupportedMediaType() {
		Reply reply = http.post("/test/things", "text/plain", "name=a");

		assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void wrongMethodAnswersMethodNotAllowed() {
		Reply reply = http.get("/test/things");

		assertProblem(reply, 405, "METHOD_NOT_ALLOWED");
	}

	@Test
	void oversizedBodyIsRejectedFromItsContentLength() {
		Reply reply = http.post("/test/things", "application/json", "{\"name\":\"" + "x".repeat(1_100_000) + "\"}");

		assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void oversizedChunkedBodyIsRejectedWhileReading() {
		Reply reply = http.postChunked("/test/things",
				("{\"name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes());

		assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void sqlErrorsNeverReachTheClient() {
		Reply reply = http.get("/test/broken-query");

		assertProblem(reply, 500, "INTERNAL_ERROR");
		assertThat(reply.body()).doesNotContainIgnoringCase("select")
			.doesNotContainIgnoringCase("relation")
			.doesNotContainIgnoringCase("sql")
			.doesNotContain("org.")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
	}

	@Test
	void exceptionMessagesAndSecretsNeverReachTheClient() {
		Reply reply = http.get("/test/crash");

		assertProblem(reply, 500, "INTERNAL_ERROR");
		assertThat(reply.body()).doesNotContain(SECRET).doesNotContain("IllegalStateException");
	}

	@Test
	void rampartErrorsCarryTheirRecoveryTime() {
		Reply reply = http.get("/test/unavailable");

		assertProblem(reply, 503, "SERVICE_UNAVAILABLE");
		assertThat(reply.json().get("canRetry").asBoolean()).isTrue();
		assertThat(reply.json().get("estimatedRecoveryTime").asInt()).isEqualTo(42);
	}

	@Test
	void aValidRequestStillWorks() {
		Reply reply = http.post("/test/things", "application/json", "{\"name\":\"widget\"}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("name").asString()).isEqualTo("widget");
	}

	static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		JsonNode body = reply.json();
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("code").asString()).isEqualTo(code);
		assertThat(body.get("userMessage").asString()).isEqualTo(ErrorCode.valueOf(code).userMessage());
		assertThat(body.get("technicalDetails").asString()).isNotBlank();
		assertThat(body.get("suggestedActions").isArray()).isTrue();
		assertThat(body.get("suggestedActions").size()).isPositive();
		assertThat(body.get("canRetry").isBoolean()).isTrue();
		assertThat(body.get("traceId").asString()).matches("[0-9a-f]{32}");
	}

	/** Endpoints that exist only in this test, to make requests fail in each way. */
	@RestController
	@PublicEndpoint("a test probe for error responses")
	static class Probe {

		private final JdbcClient jdbc;

		Probe(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@PostMapping("/test/things")
		Thing create(@Valid @RequestBody Thing thing) {
			return thing;
		}

		@GetMapping("/test/broken-query")
		Object badSql() {
			return jdbc.sql("select secret_column from no_such_table").query().listOfRows();
		}

		@GetMapping("/test/crash")
		Object crash() {
			throw new IllegalStateException("failed to call provider with key " + SECRET);
		}

		@GetMapping("/test/unavailable")
		Object unavailable() {
			throw new RampartException(ErrorCode.SERVICE_UNAVAILABLE, "The test dependency is down.",
					Duration.ofSeconds(42), null);
		}

		record Thing(@NotBlank @Size(max = 2_000_000) String name) {
		}
	}
}
