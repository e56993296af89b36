package dev.rampart.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/providers} over real HTTP, each test in a tenant of its own: a provider configured with a credential
 * is read, listed after the built-in ones and called, never showing the secret; replacements honour {@code If-Match};
 * every invalid field is reported at once; ids are unique and built-in providers immutable; other tenants and roles
 * without {@code provider:write} cannot touch it; every change and every disabled key is audited.
 */
@ServerTest
@Import(ProviderConfigurationsIT.InUse.class)
class ProviderConfigurationsIT {

	private static final String PASSWORD = "copper-kettle-morning-62";

	@LocalServerPort
	int port;

	private final ProviderRegistry registry;
	private final BuiltInProviders builtIn;
	private HttpProbe owner;
	private TenantId tenant;
	private String secret;

	@Autowired
	ProviderConfigurationsIT(ProviderRegistry registry, BuiltInProviders builtIn) {
		this.registry = registry;
		this.builtIn = builtIn;
	}

	/** Reports every provider whose id starts with {@code in-use-} as used by an agent: the seam #7 fills. */
	@TestConfiguration
	static class InUse {

		@Bean
		ProviderReferences agentsUsingProviders() {
			return (tenant, providerId) -> providerId.startsWith("in-use-") ? List.of("agent support-bot") : List.of();
		}
	}

	@BeforeEach
	void tenantOfItsOwn() {
		String name = "prov-" + UUID.randomUUID().toString().substring(0, 8);
		owner = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", PASSWORD);
		tenant = TenantId.of(owner.get("/api/v1/users/me").json().get("tenant").get("id").asString());
		secret = "sk-provconfig-" + UUID.randomUUID() + "-wxyz";
	}

	@Test
	void aProviderWithACredentialIsCreatedReadAndListedAfterTheBuiltInOnesWithoutItsSecret() {
		String credential = credential("openai-key", "openai");

		Reply created = owner.json("POST", "/api/v1/providers", """
				{"id":"openai-prod","type":"openai","credentials":["%s"],
				 "models":[{"name":"gpt-4.1","contextWindow":1047576,"inputPrice":2,"outputPrice":"8.000000"},
				           {"name":"gpt-4.1-mini","inputPrice":0.4,"outputPrice":1.6}],
				 "timeouts":{"totalMs":90000},"retry":{"maxAttempts":2},"maxConcurrentCalls":8}""".formatted(credential));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/v1/providers/openai-prod");
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		JsonNode view = created.json();
		assertThat(view.get("baseUrl").asString()).isEqualTo("https://api.openai.com/v1");
		assertThat(view.get("builtIn").asBoolean()).isFalse();
		assertThat(view.get("version").asLong()).isEqualTo(1);
		JsonNode key = view.get("credentials").get(0);
		assertThat(key.get("id").asString()).isEqualTo(credential);
		assertThat(key.get("name").asString()).isEqualTo("openai-key");
		assertThat(key.get("secretHint").asString()).isEqualTo("••••wxyz");
		assertThat(key.get("disabled").asBoolean()).isFalse();
		assertThat(view.get("models").get(0).get("inputPrice").asString()).isEqualTo("2");
		assertThat(view.get("models").get(0).get("outputPrice").asString()).isEqualTo("8");
		assertThat(view.get("models").get(0).get("contextWindow").asInt()).isEqualTo(1047576);
		assertThat(view.get("models").get(1).get("inputPrice").asString()).isEqualTo("0.4");
		assertThat(view.get("timeouts").get("totalMs").asLong()).as("given").isEqualTo(90_000);
		assertThat(view.get("timeouts").get("connectMs").asLong()).as("the node's default").isEqualTo(10_000);
		assertThat(view.get("retry").get("maxAttempts").asInt()).isEqualTo(2);
		assertThat(view.get("retry").get("backoffBaseMs").asLong()).isEqualTo(200);
		assertThat(view.get("breaker").get("failures").asInt()).as("application-test.yaml").isEqualTo(1000);
		assertThat(view.get("maxConcurrentCalls").asInt()).isEqualTo(8);

		Reply read = owner.get("/api/v1/providers/openai-prod");
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("\"1\"");
		assertThat(read.json()).isEqualTo(view);
		Reply list = owner.get("/api/v1/providers");
		assertThat(list.json().valueStream().map(p -> p.get("id").asString())).containsExactly("sim", "openai-prod");
		assertThat(list.json().get(0).get("builtIn").asBoolean()).isTrue();
		for (Reply reply : List.of(created, read, list)) {
			assertThat(reply.body()).doesNotContain(secret).doesNotContain("provconfig");
		}

		Provider resolved = registry.find(tenant, "openai-prod").orElseThrow();
		assertThat(resolved.tenant()).isEqualTo(tenant);
		assertThat(resolved.keys()).containsExactly(ProviderKey.enabled(UUID.fromString(credential)));
		assertThat(resolved.resilience().maxAttempts()).isEqualTo(2);
		assertThat(resolved.model("gpt-4.1").orElseThrow().inputPrice()).isEqualByComparingTo("2");
	}

	@Test
	void aConfiguredSimulatorIsCalledThroughThePlayground() {
		assertThat(owner.json("POST", "/api/v1/providers", simulator("my-sim")).status()).isEqualTo(201);

		Reply reply = owner.json("POST", "/api/v1/providers/my-sim/chat",
				"{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello from a tenant provider\"}]}");

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("reply").asString()).isEqualTo("Hello from a tenant provider");
	}

	@Test
	void aReplacementNeedsTheCurrentVersionWhenItSaysWhichItRead() {
		owner.json("POST", "/api/v1/providers", simulator("local"));

		Reply second = owner.send("PUT", "/api/v1/providers/local", simulatorWith("local", "\"maxConcurrentCalls\":4"),
				Map.of("If-Match", "\"1\""));
		Reply stale = owner.send("PUT", "/api/v1/providers/local", simulatorWith("local", "\"maxConcurrentCalls\":2"),
				Map.of("If-Match", "\"1\"", "Prefer", "strict-concurrency"));
		Reply unconditional = owner.json("PUT", "/api/v1/providers/local", simulatorWith("local", "\"maxConcurrentCalls\":3"));

		assertThat(second.status()).as(second.body()).isEqualTo(200);
		assertThat(second.header("ETag")).isEqualTo("\"2\"");
		assertThat(second.json().get("maxConcurrentCalls").asInt()).isEqualTo(4);
		assertProblem(stale, 412, "PRECONDITION_FAILED");
		assertThat(unconditional.json().get("version").asLong()).isEqualTo(3);
		assertThat(owner.get("/api/v1/providers/local").json().get("maxConcurrentCalls").asInt()).isEqualTo(3);
		assertThat(registry.find(tenant, "local").orElseThrow().resilience().maxConcurrentCalls()).isEqualTo(3);
	}

	@Test
	void aRejectedKeyIsDisabledAndAuditedWithoutANewVersionUntilTheProviderIsSavedAgain() {
		String first = credential("first", "sim");
		String second = credential("second", "sim");
		String body = simulatorWith("keyed", "\"credentials\":[\"" + first + "\",\"" + second + "\"]");
		owner.json("POST", "/api/v1/providers", body);
		Provider provider = registry.find(tenant, "keyed").orElseThrow();

		registry.disableKey(provider, UUID.fromString(first), "HTTP 401: invalid api key");
		registry.disableKey(provider, UUID.fromString(first), "HTTP 401 again");

		JsonNode disabled = owner.get("/api/v1/providers/keyed").json();
		assertThat(disabled.get("version").asLong()).isEqualTo(1);
		assertThat(disabled.get("credentials").get(0).get("disabled").asBoolean()).isTrue();
		assertThat(disabled.get("credentials").get(0).get("disabledReason").asString()).isEqualTo("HTTP 401: invalid api key");
		assertThat(disabled.get("credentials").get(0).get("disabledAt").isNull()).isFalse();
		assertThat(disabled.get("credentials").get(1).get("disabled").asBoolean()).isFalse();
		assertThat(registry.find(tenant, "keyed").orElseThrow().keys().getFirst().disabled()).isTrue();
		JsonNode events = owner.get("/api/v1/audit-events?action=provider.key_disabled").json().get("items");
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("actor").asString()).isEqualTo("system");
		assertThat(events.get(0).get("details").get("credentialId").asString()).isEqualTo(first);

		Reply saved = owner.json("PUT", "/api/v1/providers/keyed", body);

		assertThat(saved.json().get("credentials").get(0).get("disabled").asBoolean()).isFalse();
		assertThat(saved.json().get("version").asLong()).isEqualTo(2);
		registry.disableKey(provider, UUID.fromString(second), "HTTP 401 seen by a call to version 1");
		assertThat(owner.get("/api/v1/providers/keyed").json().get("credentials").get(1).get("disabled").asBoolean())
			.as("a key rejected under an older version stays in use in the newer one").isFalse();
	}

	@Test
	void changesAreAuditedWithBeforeAndAfterAndNoSecret() {
		String credential = credential("audited", "sim");
		owner.json("POST", "/api/v1/providers", simulatorWith("audited", "\"credentials\":[\"" + credential + "\"]"));
		owner.json("PUT", "/api/v1/providers/audited", simulatorWith("audited", "\"retry\":{\"maxAttempts\":1}"));

		assertThat(owner.json("DELETE", "/api/v1/providers/audited", null).status()).isEqualTo(204);

		assertThat(owner.get("/api/v1/providers/audited").status()).isEqualTo(404);
		assertThat(owner.json("DELETE", "/api/v1/providers/audited", null).status()).isEqualTo(404);
		assertThat(registry.find(tenant, "audited")).isEmpty();
		Reply audit = owner.get("/api/v1/audit-events?action=provider.&targetType=provider");
		JsonNode events = audit.json().get("items");
		assertThat(events.valueStream().map(e -> e.get("action").asString())).containsExactly("provider.deleted",
				"provider.updated", "provider.created");
		JsonNode updated = events.get(1).get("details");
		assertThat(updated.get("before").get("credentials").get(0).get("credentialId").asString()).isEqualTo(credential);
		assertThat(updated.get("after").get("credentials")).isEmpty();
		assertThat(updated.get("after").get("settings").get("maxAttempts").asInt()).isEqualTo(1);
		assertThat(updated.get("after").get("version").asLong()).isEqualTo(2);
		assertThat(events.get(0).get("details").get("before").get("id").asString()).isEqualTo("audited");
		assertThat(audit.body()).doesNotContain(secret);
	}

	@Test
	void everyInvalidFieldIsReportedAtOnceAndNothingIsStored() {
		Reply refused = owner.json("POST", "/api/v1/providers", """
				{"id":"Bad_Id","type":"gpt","baseUrl":"ftp://example.org",
				 "credentials":["not-a-uuid","%1$s","%1$s"],
				 "models":[{"name":""},{"name":"m","contextWindow":0,"inputPrice":-1,"outputPrice":0.0000001},{"name":"m"}],
				 "timeouts":{"connectMs":0,"firstTokenMs":5000,"totalMs":1000},
				 "retry":{"maxAttempts":11,"backoffBaseMs":500,"backoffMaxMs":100},"breaker":{"failures":0},
				 "maxConcurrentCalls":100000}""".formatted(UUID.randomUUID()));

		assertProblem(refused, 400, "VALIDATION_FAILED");
		Map<String, String> errors = errors(refused);
		assertThat(errors).containsOnlyKeys("id", "type", "baseUrl", "credentials[0]", "credentials[1]", "credentials[2]",
				"models[0].name", "models[1].contextWindow", "models[1].inputPrice", "models[1].outputPrice", "models[2].name",
				"timeouts.connectMs", "timeouts.firstTokenMs", "retry.maxAttempts", "retry.backoffMaxMs", "breaker.failures",
				"maxConcurrentCalls");
		assertThat(errors.get("type")).contains("openai, openai-compatible, anthropic, ollama, gemini, azure-openai, sim");
		assertThat(errors.get("credentials[1]")).isEqualTo("names no credential of this tenant");
		assertThat(errors.get("credentials[2]")).isEqualTo("repeats credentials[1]");
		assertThat(errors.get("models[1].outputPrice")).contains("6 decimals");
		assertThat(errors.get("models[2].name")).isEqualTo("repeats models[1].name");
		assertThat(errors.get("retry.maxAttempts")).isEqualTo("must be between 1 and 10, not 11");
		assertThat(errors.get("timeouts.connectMs")).isEqualTo("must be a positive duration, not 0 ms");
		assertThat(errors.get("timeouts.firstTokenMs"))
			.isEqualTo("timeouts.firstTokenMs (5000 ms) must not exceed timeouts.totalMs (1000 ms)");
		assertThat(errors.get("retry.backoffMaxMs"))
			.isEqualTo("retry.backoffMaxMs (100 ms) must not be below retry.backoffBaseMs (500 ms)");

		Map<String, String> azure = errors(owner.json("POST", "/api/v1/providers",
				"{\"id\":\"azure\",\"type\":\"azure-openai\",\"models\":[{\"name\":\"gpt-4o\"}]}"));
		assertThat(azure).containsOnlyKeys("baseUrl", "credentials", "apiVersion");
		Map<String, String> urls = errors(owner.json("POST", "/api/v1/providers",
				"{\"id\":\"vllm\",\"type\":\"openai-compatible\",\"baseUrl\":\"https://user:pw@vllm.internal/v1?x=1\","
						+ "\"models\":[{\"name\":\"llama\"}],\"timeouts\":{\"totalMs\":30000}}"));
		assertThat(urls.get("baseUrl")).contains("user name or password");
		assertThat(urls.get("timeouts.totalMs")).contains("60000 ms").contains("node's defaults");
		for (String metadata : List.of("http://169.254.169.254/latest", "http://metadata.google.internal/v1")) {
			Map<String, String> unsafe = errors(owner.json("POST", "/api/v1/providers",
					"{\"id\":\"meta\",\"type\":\"openai-compatible\",\"baseUrl\":\"" + metadata
							+ "\",\"models\":[{\"name\":\"m\"}]}"));
			assertThat(unsafe).as(metadata).containsOnlyKeys("baseUrl");
			assertThat(unsafe.get("baseUrl")).as(metadata).containsAnyOf("link-local", "metadata service");
		}
		assertThat(owner.get("/api/v1/providers").json().size()).isEqualTo(builtIn.providers().size());
	}

	@Test
	void idsAreUniqueInTheTenantAndBuiltInProvidersCannotBeTakenChangedOrDeleted() {
		assertThat(owner.json("POST", "/api/v1/providers", simulator("twice")).status()).isEqualTo(201);

		assertProblem(owner.json("POST", "/api/v1/providers", simulator("twice")), 409, "PROVIDER_NAME_TAKEN");
		assertProblem(owner.json("POST", "/api/v1/providers", simulator("sim")), 409, "PROVIDER_NAME_TAKEN");
		assertThat(errors(owner.json("POST", "/api/v1/providers", simulator("cache"))).get("id")).contains("reserved");
		assertProblem(owner.json("PUT", "/api/v1/providers/sim", simulator("sim")), 409, "PROVIDER_BUILT_IN");
		assertProblem(owner.json("DELETE", "/api/v1/providers/sim", null), 409, "PROVIDER_BUILT_IN");
		assertThat(errors(owner.json("PUT", "/api/v1/providers/twice", simulator("renamed")))).containsOnlyKeys("id");
		assertProblem(owner.json("PUT", "/api/v1/providers/never-made", simulator("never-made")), 404, "RESOURCE_NOT_FOUND");
		assertThat(owner.get("/api/v1/providers/sim").header("ETag")).isEqualTo("\"0\"");
		assertThat(owner.get("/api/v1/providers/sim").body()).doesNotContain("127.0.0.1");
	}

	@Test
	void aProviderStillInUseIsNotDeleted() {
		owner.json("POST", "/api/v1/providers", simulator("in-use-by-agent"));

		Reply refused = owner.json("DELETE", "/api/v1/providers/in-use-by-agent", null);

		assertProblem(refused, 409, "PROVIDER_IN_USE");
		assertThat(refused.json().get("technicalDetails").asString()).contains("agent support-bot");
		assertThat(owner.get("/api/v1/providers/in-use-by-agent").status()).isEqualTo(200);
	}

	@Test
	void anotherTenantNeitherSeesNorChangesIt() {
		owner.json("POST", "/api/v1/providers", simulator("private"));
		String name = "other-" + UUID.randomUUID().toString().substring(0, 8);
		HttpProbe other = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", PASSWORD);

		assertProblem(other.get("/api/v1/providers/private"), 404, "RESOURCE_NOT_FOUND");
		assertProblem(other.json("PUT", "/api/v1/providers/private", simulator("private")), 404, "RESOURCE_NOT_FOUND");
		assertProblem(other.json("DELETE", "/api/v1/providers/private", null), 404, "RESOURCE_NOT_FOUND");
		assertThat(other.get("/api/v1/providers").body()).doesNotContain("private");
		assertThat(owner.get("/api/v1/providers/private").json().get("version").asLong()).isEqualTo(1);
	}

	@Test
	void viewersAndDevelopersReadButOnlyOwnersAndAdminsWrite() {
		owner.json("POST", "/api/v1/providers", simulator("guarded"));
		HttpProbe viewer = member("viewer");
		HttpProbe developer = member("developer");
		HttpProbe admin = member("admin");

		assertThat(viewer.get("/api/v1/providers/guarded").status()).isEqualTo(200);
		for (HttpProbe reader : List.of(viewer, developer)) {
			assertProblem(reader.json("POST", "/api/v1/providers", simulator("mine")), 403, "PERMISSION_DENIED");
			assertProblem(reader.json("PUT", "/api/v1/providers/guarded", simulator("guarded")), 403, "PERMISSION_DENIED");
			assertProblem(reader.json("DELETE", "/api/v1/providers/guarded", null), 403, "PERMISSION_DENIED");
		}
		assertThat(admin.json("POST", "/api/v1/providers", simulator("admins")).status()).isEqualTo(201);
	}

	private HttpProbe member(String role) {
		String email = role + "-" + UUID.randomUUID() + "@example.org";
		String initial = "initial-" + PASSWORD;
		Reply added = owner.json("POST", "/api/v1/members",
				"{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"password\":\"" + initial + "\"}");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		return HttpProbe.signedInChangingPassword(port, email, initial, PASSWORD);
	}

	private String credential(String name, String provider) {
		Reply created = owner.json("POST", "/api/v1/credentials",
				"{\"name\":\"" + name + "\",\"provider\":\"" + provider + "\",\"secret\":\"" + secret + "\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** A provider of type {@code sim} at the built-in simulator's address. */
	private String simulator(String id) {
		return simulatorWith(id, "\"timeouts\":{\"totalMs\":60000}");
	}

	private String simulatorWith(String id, String more) {
		String url = builtIn.providers().getFirst().baseUrl().toString();
		return "{\"id\":\"" + id + "\",\"type\":\"sim\",\"baseUrl\":\"" + url + "\",\"models\":[{\"name\":\"sim-echo\"}]," + more
				+ "}";
	}

	private static Map<String, String> errors(Reply reply) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		Map<String, String> errors = new LinkedHashMap<>();
		reply.json().get("errors").valueStream().forEach(e -> errors.put(e.get("field").asString(), e.get("message").asString()));
		return errors;
	}

	private static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("code").asString()).isEqualTo(code);
		assertThat(reply.json().get("userMessage").asString()).isEqualTo(ErrorCode.valueOf(code).userMessage());
	}
}
