package dev.rampart.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAPI tool set, end to end: created over the API, listed with its source, called against a loopback API only
 * once the tenant allowlists it, with the credential reaching the API but never the model; and what still uses a tool
 * set or a credential keeps it from being deleted.
 */
@ServerTest
@Import(OpenApiToolsIT.Bindings.class)
class OpenApiToolsIT {

	private static final String PASSWORD = "sturdy-horse-battery-";

	/** Tool names an imaginary agent binds, per tenant: a test {@link ToolReferences}. */
	static final Map<TenantId, Set<String>> BOUND = new ConcurrentHashMap<>();

	@TestConfiguration
	static class Bindings {

		@Bean
		ToolReferences testAgentBindings() {
			return (TenantId tenant, Collection<String> toolNames) -> BOUND.getOrDefault(tenant, Set.of()).stream()
				.filter(toolNames::contains)
				.map(name -> "agent support-bot (" + name + ")")
				.toList();
		}
	}

	/** What the test API received. */
	record Received(String method, String uri, String authorization, String idempotencyKey, String body) {
	}

	@LocalServerPort
	int port;

	private final Tools tools;
	private final ToolInvoker invoker;
	private final JsonMapper json;
	private final List<Received> received = new CopyOnWriteArrayList<>();
	private HttpServer api;
	private HttpProbe owner;
	private TenantId tenant;
	private String secret;

	@Autowired
	OpenApiToolsIT(Tools tools, ToolInvoker invoker, JsonMapper json) {
		this.tools = tools;
		this.invoker = invoker;
		this.json = json;
	}

	@BeforeEach
	void apiAndTenant() throws IOException {
		api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		api.createContext("/", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
				received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
						+ (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
						authorization, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
						new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				// A careless API that echoes the caller's credential
				byte[] answer = ("{\"name\":\"Rex\",\"seenAuthorization\":\"" + authorization + "\"}").getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
			}
			exchange.close();
		});
		api.start();
		String name = "tools-" + UUID.randomUUID().toString().substring(0, 8);
		owner = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", PASSWORD + UUID.randomUUID());
		tenant = TenantId.of(owner.get("/api/v1/users/me").json().get("tenant").get("id").asString());
		secret = "sk-petstore-" + UUID.randomUUID();
	}

	@AfterEach
	void stop() {
		api.stop(0);
		BOUND.remove(tenant);
	}

	private String credential(String provider) {
		Reply created = owner.json("POST", "/api/v1/credentials", """
				{"name":"key-%s","provider":"%s","secret":"%s"}""".formatted(UUID.randomUUID(), provider, secret));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private Reply createToolSet(String credentialId) throws IOException {
		String yaml;
		try (InputStream in = getClass().getResourceAsStream("/dev/rampart/tools/internal/petstore.yaml")) {
			yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		return owner.json("POST", "/api/v1/tools/openapi", json.writeValueAsString(Map.of("name", "pets", "document", yaml,
				"baseUrl", "http://127.0.0.1:" + api.getAddress().getPort() + "/v1",
				"auth", Map.of("type", "bearer", "credentialId", credentialId))));
	}

	private ToolOutcome callShowPet(String petId) {
		Tool tool = tools.find(tenant, "pets_show_pet_by_id").orElseThrow();
		return invoker.invoke(tool, ToolPolicy.defaults(), new ToolCall(tenant,
				json.readTree("{\"petId\":\"" + petId + "\"}"), "run-7", "run-7/step-1/attempt-1"));
	}

	@Test
	void anOperationIsCalledWithTheInjectedCredentialOnlyOnceTheTenantAllowlistsTheApi() throws IOException {
		Reply created = createToolSet(credential("http"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("tools")).extracting(tool -> tool.get("name").asString())
			.containsExactly("pets_list_pets", "pets_create_pet", "pets_show_pet_by_id", "pets_delete_pet");

		Reply listed = owner.get("/api/v1/tools");
		JsonNode show = null;
		for (JsonNode tool : listed.json()) {
			if (tool.get("name").asString().equals("pets_show_pet_by_id")) {
				show = tool;
			}
		}
		assertThat(show).isNotNull();
		assertThat(show.get("source").asString()).isEqualTo("openapi:pets");
		assertThat(show.get("builtIn").asBoolean()).isFalse();
		assertThat(listed.json().get(0).get("source").asString()).isEqualTo("built-in");
		assertThat(listed.body()).doesNotContain(secret);

		ToolOutcome refused = callShowPet("rex");
		assertThat(refused.status()).isEqualTo(ToolOutcome.Status.FAILED);
		assertThat(refused.output()).startsWith("EGRESS_REFUSED");
		assertThat(received).isEmpty();

		Reply allowed = owner.json("PUT", "/api/v1/tools/egress",
				"{\"allowedHosts\":[\"127.0.0.1:" + api.getAddress().getPort() + "\"]}");
		assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
		ToolOutcome outcome = callShowPet("rex the/2nd");

		assertThat(outcome.status()).as(outcome.output()).isEqualTo(ToolOutcome.Status.OK);
		assertThat(received).hasSize(1);
		Received request = received.getFirst();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri()).isEqualTo("/v1/pets/rex%20the%2F2nd");
		assertThat(request.authorization()).isEqualTo("Bearer " + secret);
		assertThat(request.idempotencyKey()).isEqualTo("run-7/step-1/attempt-1");
		JsonNode answer = json.readTree(outcome.output());
		assertThat(answer.get("status").asInt()).isEqualTo(200);
		assertThat(answer.get("body").asString()).contains("Rex").contains("Bearer [credential]");
		assertThat(outcome.output()).doesNotContain(secret);
		assertThat(tools.find(tenant, "pets_show_pet_by_id").orElseThrow().parameters().toString()).doesNotContain(secret);
	}

	@Test
	void aJsonBodyAndQueryParametersAreSent() throws IOException {
		assertThat(createToolSet(credential("http")).status()).isEqualTo(201);
		owner.json("PUT", "/api/v1/tools/egress", "{\"allowedHosts\":[\"127.0.0.1:" + api.getAddress().getPort() + "\"]}");

		ToolOutcome created = invoker.invoke(tools.find(tenant, "pets_create_pet").orElseThrow(), ToolPolicy.defaults(),
				new ToolCall(tenant, json.readTree("{\"body\":{\"name\":\"Rex\",\"tag\":null}}"), null, null));
		ToolOutcome listed = invoker.invoke(tools.find(tenant, "pets_list_pets").orElseThrow(), ToolPolicy.defaults(),
				new ToolCall(tenant, json.readTree("{\"limit\":5,\"tag\":[\"dog\",\"small & brown\"]}"), null, null));

		assertThat(created.status()).as(created.output()).isEqualTo(ToolOutcome.Status.OK);
		assertThat(listed.status()).as(listed.output()).isEqualTo(ToolOutcome.Status.OK);
		assertThat(received.get(0).method()).isEqualTo("POST");
		assertThat(json.readTree(received.get(0).body())).isEqualTo(json.readTree("{\"name\":\"Rex\",\"tag\":null}"));
		assertThat(received.get(1).uri()).isEqualTo("/v1/pets?limit=5&tag=dog&tag=small%20%26%20brown");
	}

	@Test
	void anInvalidDocumentIsRefusedNamingWhatIsWrong() {
		Reply refused = owner.json("POST", "/api/v1/tools/openapi", """
				{"name":"broken","document":{"openapi":"3.1.0","servers":[{"url":"https://api.example.com"}],
				 "paths":{"/a":{"get":{"operationId":"a","parameters":[{"$ref":"#/components/parameters/Nope"}]}}}}}""");

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("errors").get(0).get("field").asString())
			.isEqualTo("document.paths./a.get.parameters[0].$ref");
	}

	@Test
	void aToolSetWhoseToolsAnAgentBindsCannotBeDeletedAndNamesThem() throws IOException {
		String credentialId = credential("http");
		Reply created = createToolSet(credentialId);
		String id = created.json().get("id").asString();
		BOUND.put(tenant, Set.of("pets_show_pet_by_id"));

		Reply refused = owner.send("DELETE", "/api/v1/tools/openapi/" + id, null, Map.of());

		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo(ErrorCode.TOOL_IN_USE.name());
		assertThat(refused.json().get("technicalDetails").asString()).contains("agent support-bot (pets_show_pet_by_id)");
		assertThat(owner.get("/api/v1/tools/openapi/" + id).status()).isEqualTo(200);

		BOUND.remove(tenant);
		assertThat(owner.send("DELETE", "/api/v1/tools/openapi/" + id, null, Map.of()).status()).isEqualTo(204);
		assertThat(tools.find(tenant, "pets_show_pet_by_id")).isEmpty();
	}

	@Test
	void aCredentialUsedByAToolSetOrAProviderCannotBeDeletedAndNamesThem() throws IOException {
		String credentialId = credential("http");
		String toolSet = createToolSet(credentialId).json().get("id").asString();
		String providerKey = credential("openai");
		Reply provider = owner.json("POST", "/api/v1/providers", """
				{"id":"openai-tools","type":"openai","credentials":["%s"],"models":[{"name":"gpt-4.1"}]}""".formatted(providerKey));
		assertThat(provider.status()).as(provider.body()).isEqualTo(201);

		Reply usedByToolSet = owner.send("DELETE", "/api/v1/credentials/" + credentialId, null, Map.of());
		Reply usedByProvider = owner.send("DELETE", "/api/v1/credentials/" + providerKey, null, Map.of());

		assertThat(usedByToolSet.status()).as(usedByToolSet.body()).isEqualTo(409);
		assertThat(usedByToolSet.json().get("code").asString()).isEqualTo(ErrorCode.CREDENTIAL_IN_USE.name());
		assertThat(usedByToolSet.json().get("technicalDetails").asString()).contains("tool set pets");
		assertThat(usedByProvider.status()).as(usedByProvider.body()).isEqualTo(409);
		assertThat(usedByProvider.json().get("technicalDetails").asString()).contains("provider openai-tools");

		assertThat(owner.send("DELETE", "/api/v1/tools/openapi/" + toolSet, null, Map.of()).status()).isEqualTo(204);
		assertThat(owner.send("DELETE", "/api/v1/credentials/" + credentialId, null, Map.of()).status()).isEqualTo(204);
	}

	@Test
	void theEgressAllowlistIsValidatedEntryByEntry() {
		Reply refused = owner.json("PUT", "/api/v1/tools/egress",
				"{\"allowedHosts\":[\"api.example.com\",\"http://bad.example.com/\",\"\",\"*.example.org\",\"host:99999\"]}");

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		refused.json().get("errors").forEach(error -> fields.add(error.get("field").asString()));
		assertThat(fields).containsExactly("allowedHosts[1]", "allowedHosts[2]", "allowedHosts[4]");
		assertThat(owner.get("/api/v1/tools/egress").json().get("allowedHosts")).isEmpty();

		Reply saved = owner.json("PUT", "/api/v1/tools/egress", "{\"allowedHosts\":[\"API.example.com\",\"*.example.org\"]}");
		assertThat(saved.status()).isEqualTo(200);
		assertThat(owner.get("/api/v1/tools/egress").json().get("allowedHosts").toString())
			.isEqualTo("[\"api.example.com\",\"*.example.org\"]");
		Reply audit = owner.get("/api/v1/audit-events?action=tool_egress.updated");
		assertThat(audit.body()).contains("tool_egress.updated");
	}
}
