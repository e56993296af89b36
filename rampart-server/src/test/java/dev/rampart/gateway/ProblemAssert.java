package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.HttpProbe.Reply;
import dev.rampart.shared.ErrorCode;

/** The problem+json a refused request must answer. */
final class ProblemAssert {

	private ProblemAssert() {
	}

	static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("code").asString()).isEqualTo(code);
		assertThat(reply.json().get("userMessage").asString()).isEqualTo(ErrorCode.valueOf(code).userMessage());
		assertThat(reply.json().get("technicalDetails").asString()).isNotBlank();
	}
}
