package dev.rampart.secrets.web;

import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client of /api/v1/credentials sees: create, list, read, update, delete, test, and every refusal. */
@ServerTest
class CredentialsBehaviourIT {

	@LocalServerPort
	int port;

	HttpProbe http;

	@BeforeEach
	void client() {
		http = HttpProbe.signedIn(port);
	}

	@Test
	void aCreatedCredentialIsListedAndReadWithOnlyAMaskedHint() {
		String name = unique("openai-prod");
		Reply created = http.json("POST", "/api/v1/credentials",
				"{\"name\":\"" + name + "\",\"provider\":\"openai\",\"secret\":\"sk-abcdefghijklmnop1234\"}");

		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		Reply read = http.get("/api/v1/credentials/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("secretHint").asString()).isEqualTo("••••1234");
		assertThat(read.json().get("provider").asString()).isEqualTo("openai");
		assertThat(read.json().has("secret")).isFalse();
		assertThat(http.get("/api/v1/credentials").json().get("items").valueStream()
			.map(item -> item.get("name").asString())).contains(name);
	}

	@Test
	void shortSecretsRevealFewerCharactersOrNone() {
		Reply eight = http.json("POST", "/api/v1/credentials",
				"{\"name\":\"" + unique("eight") + "\",\"provider\":\"sim\",\"secret\":\"12345678\"}");
		Reply five = http.json("POST", "/api/v1/credentials",
				"{\"name\":\"" + unique("five") + "\",\"provider\":\"sim\",\"secret\":\"12345\"}");

		assertThat(eight.json().get("secretHint").asString()).isEqualTo("••••78");
		assertThat(five.json().get("secretHint").asString()).isEqualTo("••••");
	}

	@Test
	void aSecondCredentialWithTheSameNameIsAConflict() {
		String body = "{\"name\":\"" + unique("dup") + "\",\"provider\":\"sim\",\"secret\":\"k-1234567890\"}";
		assertThat(http.json("POST", "/api/v1/credentials", body).status()).isEqualTo(201);

		Reply second = http.json("POST", "/api/v1/credentials", body);

		assertThat(second.status()).isEqualTo(409);
		assertThat(second.json().get("code").asString()).isEqualTo("CREDENTIAL_NAME_TAKEN");
	}

	@Test
	void invalidInputIsRefusedFieldByFieldAndNothingIsStored() {
		int before = http.get("/api/v1/credentials").json().get("items").size();

		Reply missing = http.json("POST", "/api/v1/credentials", "{\"name\":\"\",\"provider\":\"sim\"}");
		Reply unknownProvider = http.json("POST", "/api/v1/credentials",
				"{\"name\":\"x\",\"provider\":\"made-up\",\"secret\":\"abc\"}");
		Reply blankSecret = http.json("POST", "/api/v1/credentials", "{\"name\":\"x\",\"provider\":\"sim\",\"secret\":\"   \"}");
		Reply hugeSecret = http.json("POST", "/api/v1/credentials",
				"{\"name\":\"x\",\"provider\":\"sim\",\"secret\":\"" + "a".repeat(9000) + "\"}");

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("errors").valueStream().map(e -> e.get("field").asString())).contains("name", "secret");
		assertThat(unknownProvider.json().get("errors").get(0).get("message").asString())
			.contains("unknown provider 'made-up'").contains("sim");
		assertThat(blankSecret.json().get("errors").get(0).get("field").asString()).isEqualTo("secret");
		assertThat(hugeSecret.json().get("errors").get(0).get("message").asString()).contains("8192");
		assertThat(http.get("/api/v1/credentials").json().get("items").size()).isEqualTo(before);
	}

	@Test
	void updatingTheSecretChangesTheHintAndClearsTheLastTest() {
		String id = create(unique("rotate-me"), "sim", "first-secret-value-aaaa");
		assertThat(http.json("POST", "/api/v1/credentials/" + id + "/test", null).json().get("status").asString())
			.isEqualTo("valid");
		assertThat(http.get("/api/v1/credentials/" + id).json().get("lastTestStatus").asString()).isEqualTo("valid");

		Reply updated = http.json("PATCH", "/api/v1/credentials/" + id, "{\"secret\":\"second-secret-value-bbbb\"}");

		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("secretHint").asString()).isEqualTo("••••bbbb");
		assertThat(updated.json().get("lastTestStatus").isNull()).isTrue();
	}

	@Test
	void renamingKeepsTheSecretAndDescription() {
		String id = create(unique("old-name"), "sim", "keep-this-secret-cccc");
		String newName = unique("new-name");

		Reply renamed = http.json("PATCH", "/api/v1/credentials/" + id, "{\"name\":\"" + newName + "\"}");

		assertThat(renamed.json().get("name").asString()).isEqualTo(newName);
		assertThat(renamed.json().get("secretHint").asString()).isEqualTo("••••cccc");
	}

	@Test
	void unknownMalformedAndDeletedIdsAllAnswerNotFound() {
		String id = create(unique("short-lived"), "sim", "short-lived-secret");
		assertThat(http.json("DELETE", "/api/v1/credentials/" + id, null).status()).isEqualTo(204);

		for (Reply reply : new Reply[] { http.get("/api/v1/credentials/" + id),
				http.get("/api/v1/credentials/" + UUID.randomUUID()), http.get("/api/v1/credentials/not-a-uuid"),
				http.json("DELETE", "/api/v1/credentials/" + id, null),
				http.json("PATCH", "/api/v1/credentials/" + id, "{\"name\":\"x\"}"),
				http.json("POST", "/api/v1/credentials/" + id + "/test", null) }) {
			assertThat(reply.status()).isEqualTo(404);
			assertThat(reply.json().get("code").asString()).isEqualTo("RESOURCE_NOT_FOUND");
		}
	}

	@Test
	void testingACredentialOfAPublicProviderAnswersWithAVerdictNotAnError() {
		String id = create(unique("anthropic"), "anthropic", "sk-ant-unreachable-from-here");

		Reply test = http.json("POST", "/api/v1/credentials/" + id + "/test", null);

		assertThat(test.status()).isEqualTo(200);
		// unreachable on the offline build machines; invalid where the public API can be reached
		assertThat(test.json().get("status").asString()).isIn("unreachable", "invalid");
	}

	private String create(String name, String provider, String secret) {
		Reply reply = http.json("POST", "/api/v1/credentials",
				"{\"name\":\"" + name + "\",\"provider\":\"" + provider + "\",\"secret\":\"" + secret + "\"}");
		assertThat(reply.status()).isEqualTo(201);
		return reply.json().get("id").asString();
	}

	private static String unique(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}
}
