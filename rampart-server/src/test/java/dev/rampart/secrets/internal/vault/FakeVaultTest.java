package dev.rampart.secrets.internal.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The parts of Vault's documented HTTP contract that the Rampart client does not exercise itself. */
class FakeVaultTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();
	private FakeVault vault;

	@BeforeEach
	void startVault() {
		vault = FakeVault.start("root");
	}

	@AfterEach
	void stopVault() {
		vault.close();
		http.close();
	}

	@Test
	void withoutTheTokenEveryPathAnswers403PermissionDenied() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(vault.uri().resolve("/v1/transit/keys/k")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"errors\":[\"permission denied\"]}");
	}

	@Test
	void aMissingKeyOrSecretAnswers404WithAnEmptyErrorList() throws Exception {
		assertThat(call("GET", "/v1/transit/keys/missing", null).statusCode()).isEqualTo(404);
		HttpResponse<String> secret = call("GET", "/v1/secret/data/missing", null);
		assertThat(secret.statusCode()).isEqualTo(404);
		assertThat(secret.body()).isEqualTo("{\"errors\":[]}");
	}

	@Test
	void wrappedDatakeyReturnsOnlyTheCiphertextWhichDecryptsToA256BitKey() throws Exception {
		call("POST", "/v1/transit/keys/k", "{}");

		Map<String, Object> data = data(call("POST", "/v1/transit/datakey/wrapped/k", "{\"bits\":256}"));
		Map<String, Object> decrypted = data(call("POST", "/v1/transit/decrypt/k",
				JSON.writeValueAsString(Map.of("ciphertext", data.get("ciphertext")))));

		assertThat(data).doesNotContainKey("plaintext").containsEntry("key_version", 1);
		assertThat(Base64.getDecoder().decode((String) decrypted.get("plaintext"))).hasSize(32);
	}

	@Test
	void aSoftDeletedLatestVersionReadsAs404UntilANewVersionIsWritten() throws Exception {
		call("POST", "/v1/secret/data/app/db", "{\"data\":{\"password\":\"p1\"}}");

		assertThat(call("DELETE", "/v1/secret/data/app/db", null).statusCode()).isEqualTo(204);
		assertThat(call("GET", "/v1/secret/data/app/db", null).statusCode()).isEqualTo(404);
		call("POST", "/v1/secret/data/app/db", "{\"data\":{\"password\":\"p2\"}}");

		assertThat(data(call("GET", "/v1/secret/data/app/db", null)).get("data")).isEqualTo(Map.of("password", "p2"));
		assertThat(vault.kvVersions("app/db")).isEqualTo(2);
	}

	@Test
	void aCheckAndSetWriteAgainstAStaleVersionIsRefusedWith400() throws Exception {
		call("POST", "/v1/secret/data/app/db", "{\"data\":{\"v\":\"1\"}}");

		HttpResponse<String> stale = call("POST", "/v1/secret/data/app/db", "{\"options\":{\"cas\":0},\"data\":{\"v\":\"2\"}}");

		assertThat(stale.statusCode()).isEqualTo(400);
		assertThat(vault.kvVersions("app/db")).isEqualTo(1);
	}

	private HttpResponse<String> call(String method, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(vault.uri() + path))
			.header("X-Vault-Token", vault.token())
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> data(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (Map<String, Object>) JSON.readValue(response.body(), Map.class).get("data");
	}
}
