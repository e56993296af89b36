package dev.rampart.identity.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Masking of audit details: every secret-like property name, at any depth, loses its value. */
class AuditDetailsTest {

	@Test
	void givenSecretLikeNamesAtAnyDepth_whenRecorded_thenTheirValuesAreRedacted() {
		JsonNode details = AuditDetails.of(Map.of("name", "prod", "Secret", "s1", "after",
				Map.of("password", "p1", "client_secret", "s2", "API-Key", "k1", "nested", List.of(Map.of("accessToken", "t1",
						"privateKey", Map.of("d", "x"), "Authorization", "Bearer t2"))),
				"changedFields", List.of("secret", "name")));

		String text = AuditDetails.text(details);
		assertThat(text).doesNotContain("s1", "s2", "p1", "k1", "t1", "t2", "\"d\"");
		assertThat(details.get("Secret").asString()).isEqualTo(AuditDetails.REDACTED);
		assertThat(details.get("after").get("API-Key").asString()).isEqualTo(AuditDetails.REDACTED);
		assertThat(details.get("after").get("nested").get(0).get("privateKey").asString()).isEqualTo(AuditDetails.REDACTED);
		assertThat(details.get("name").asString()).isEqualTo("prod");
		assertThat(details.get("changedFields").get(0).asString()).as("values are not names").isEqualTo("secret");
	}

	@Test
	void givenOrdinaryNames_whenChecked_thenTheyAreNotSecret() {
		assertThat(AuditDetails.isSecretName("provider")).isFalse();
		assertThat(AuditDetails.isSecretName("description")).isFalse();
		assertThat(AuditDetails.isSecretName("SECRET_KEY")).isTrue();
		assertThat(AuditDetails.isSecretName("refresh_token")).isTrue();
	}
}
