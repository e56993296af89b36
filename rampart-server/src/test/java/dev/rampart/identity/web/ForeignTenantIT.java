package dev.rampart.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.HttpProbe;
import dev.rampart.ServerTest;
import dev.rampart.identity.internal.TestUsers;
import dev.rampart.shared.TenantId;
import dev.rampart.sim.LlmSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Generated from the application's own mappings: for every endpoint whose path carries an id, a
 * resource of tenant A requested by an owner of tenant B answers 404 exactly as a missing one, never
 * 403, and stays as it was. A new endpoint with an id fails this test until a fixture below says
 * how to make a resource it addresses (or the exclusions say why it belongs to no tenant).
 */
@ServerTest
@Import(TestUsers.class)
class ForeignTenantIT {

	private static final String PASSWORD = "copper-meadow-signal-58";

	/** Endpoints whose ids address nothing of a tenant, and why. */
	private static final Map<String, String> PLATFORM_WIDE = Map.of(
			"/api/v1/admin/keys/jobs/", "key jobs belong to the installation, not to a tenant",
			"/api/v1/schemas/", "schemas are the same documents for every tenant: a name, not a tenant's resource");

	@LocalServerPort
	int port;

	private final RequestMappingHandlerMapping mappings;
	private final TestUsers users;
	private final DataSource dataSource;
	private final LlmSimulator sim;

	@Autowired
	ForeignTenantIT(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings, TestUsers users,
			DataSource dataSource, LlmSimulator sim) {
		this.mappings = mappings;
		this.users = users;
		this.dataSource = dataSource;
		this.sim = sim;
	}

	/** How to make a resource in tenant A for the endpoints under {@code prefix}, and how to see it is untouched. */
	private record Fixture(String prefix, Function<HttpProbe, String> create, String readBack, Map<String, String> bodies) {

		String body(String method) {
			return bodies.getOrDefault(method, method.equals("GET") || method.equals("DELETE") ? null : "{}");
		}
	}

	private List<Fixture> fixtures() {
		return List.of(
				new Fixture("/api/v1/credentials/", a -> created(a, "/api/v1/credentials",
						"{\"name\":\"a-" + UUID.randomUUID() + "\",\"provider\":\"sim\",\"secret\":\"sk-a-1234\"}", "id"),
						"/api/v1/credentials/{id}", Map.of("PATCH", "{\"description\":\"taken over\"}")),
				new Fixture("/api/v1/members/", a -> created(a, "/api/v1/members",
						"{\"email\":\"member-" + UUID.randomUUID() + "@example.org\",\"role\":\"viewer\",\"password\":\"" + PASSWORD
								+ "\"}", "userId"),
						"/api/v1/members/{id}", Map.of("PATCH", "{\"role\":\"operator\"}")),
				new Fixture("/api/v1/roles/", a -> created(a, "/api/v1/roles",
						"{\"name\":\"r-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"grants\":[{\"permission\":\"agent:read\"}]}",
						"id"), "/api/v1/roles/{id}", Map.of("PATCH", "{\"description\":\"taken over\"}")),
				new Fixture("/api/v1/api-keys/", a -> created(a, "/api/v1/api-keys",
						"{\"name\":\"k-" + UUID.randomUUID() + "\",\"permissions\":[\"agent:read\"]}", "id"),
						"/api/v1/api-keys/{id}", Map.of()),
				new Fixture("/api/v1/anomalies/", a -> anomalyOfTenantA(), "/api/v1/anomalies/{id}", Map.of()),
				new Fixture("/api/v1/providers/", a -> created(a, "/api/v1/providers",
						"{\"id\":\"p-" + UUID.randomUUID().toString().substring(0, 8) + "\"," + simulatorConfiguration(), "id"),
						"/api/v1/providers/{id}", Map.of("PUT", "{" + simulatorConfiguration(),
								"POST", "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"taken over\"}]}")),
				// a documentation address (TEST-NET-3), disabled: saved without DNS and never called
				new Fixture("/api/v1/mcp-servers/", a -> created(a, "/api/v1/mcp-servers", mcpServer(), "id"),
						"/api/v1/mcp-servers/{id}", Map.of("PUT", mcpServer())),
				new Fixture("/api/v1/tools/openapi/", a -> created(a, "/api/v1/tools/openapi", openApiToolSet("a"), "id"),
						"/api/v1/tools/openapi/{id}", Map.of("PUT", openApiToolSet("b"))),
				new Fixture("/api/v1/agents/", a -> created(a, "/api/v1/agents", agent(), "id"),
						"/api/v1/agents/{id}", Map.of("PUT", "{\"version\":1}")),
				new Fixture("/api/v1/agents/{id}/invoke", a -> created(a, "/api/v1/agents", agent(), "id"),
						"/api/v1/agents/{id}", Map.of("POST", "{\"input\":\"taken over\"}")),
				new Fixture("/api/v1/agents/{id}/runs", a -> created(a, "/api/v1/agents", agent(), "id"),
						"/api/v1/agents/{id}", Map.of("POST", "{\"input\":\"taken over\"}")),
				new Fixture("/api/v1/runs/", ForeignTenantIT::run, "/api/v1/runs/{id}", Map.of()),
				new Fixture("/api/v1/agents/{agentId}/memories", a -> created(a, "/api/v1/agents", agent(), "id"),
						"/api/v1/agents/{id}/memories", Map.of("POST", "{\"text\":\"taken over\"}")),
				new Fixture("/api/v1/templates/", a -> created(a, "/api/v1/templates",
						"{\"name\":\"t-" + UUID.randomUUID() + "\",\"agent\":{\"name\":\"t\",\"instructions\":\"x\","
								+ "\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]}}}", "id"),
						"/api/v1/templates/{id}", Map.of()),
				new Fixture("/api/v1/workflows/", a -> created(a, "/api/v1/workflows", workflow(), "id"),
						"/api/v1/workflows/{id}", Map.of("PUT", workflow())),
				new Fixture("/api/v1/workflows/{id}/runs", a -> created(a, "/api/v1/workflows", workflow(), "id"),
						"/api/v1/workflows/{id}", Map.of("POST", "{\"input\":{\"taken\":\"over\"}}")),
				new Fixture("/api/v1/schedules/", a -> created(a, "/api/v1/schedules",
						schedule(created(a, "/api/v1/agents", agent(), "id")), "id"),
						"/api/v1/schedules/{id}", Map.of("PUT", schedule(UUID.randomUUID().toString()))),
				new Fixture("/api/v1/threads/", a -> created(a, "/api/v1/threads",
						"{\"agentId\":\"" + created(a, "/api/v1/agents", agent(), "id") + "\"}", "id"),
						"/api/v1/threads/{id}", Map.of("POST", "{\"input\":\"taken over\"}")));
	}

	/** A disabled daily schedule of an agent. */
	private static String schedule(String agent) {
		return "{\"name\":\"s-" + UUID.randomUUID() + "\",\"cron\":\"@daily\",\"target\":{\"agentId\":\"" + agent
				+ "\"},\"input\":\"taken over\",\"enabled\":false}";
	}

	/** A one-step workflow that needs nothing else of the tenant. */
	private static String workflow() {
		return "{\"name\":\"w-" + UUID.randomUUID() + "\",\"start\":\"a\","
				+ "\"steps\":[{\"id\":\"a\",\"type\":\"transform\",\"expression\":\"$input\"}]}";
	}

	/** A plain agent on the built-in simulator. */
	private static String agent() {
		return "{\"name\":\"a-" + UUID.randomUUID() + "\",\"instructions\":\"x\","
				+ "\"model\":{\"chain\":[{\"provider\":\"sim\",\"model\":\"sim-echo\"}]}}";
	}

	/** An OpenAPI tool set with one operation; the name starts with {@code prefix}. */
	private static String openApiToolSet(String prefix) {
		return "{\"name\":\"" + prefix + UUID.randomUUID().toString().substring(0, 8).replace('-', '_')
				+ "\",\"document\":{\"openapi\":\"3.1.0\",\"servers\":[{\"url\":\"https://api.example.com\"}],"
				+ "\"paths\":{\"/ping\":{\"get\":{\"operationId\":\"ping\"}}}}}";
	}

	/**
	 * The fields of a tenant provider of type {@code sim} at the built-in simulator's OpenAI API, after the opening brace:
	 * a provider of tenant A that the playground, health and cache endpoints can address, unlike the built-in
	 * {@code sim}, which every tenant shares.
	 */
	private String simulatorConfiguration() {
		String url = sim.baseUrl() + "/v1";
		return "\"type\":\"sim\",\"baseUrl\":\"" + url + "\",\"models\":[{\"name\":\"sim-echo\"}]}";
	}

	private static String mcpServer() {
		return "{\"name\":\"m_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_')
				+ "\",\"url\":\"http://203.0.113.10/mcp\",\"enabled\":false}";
	}

	/** Threat detection raises anomalies; nothing creates one over HTTP, so the fixture stores one in tenant default. */
	private String anomalyOfTenantA() {
		UUID id = UUID.randomUUID();
		DatabaseOwner.jdbc(dataSource).sql("""
				insert into anomalies (id, tenant_id, principal_key, level, window_start, window_end, score, features, reasons, status,
					created_at)
				values (:id, :tenant, 'user:fixture', 'principal', now() - interval '1 minute', now(), 1.5, '{}'::jsonb,
					array['requests 500 (usually about 10)'], 'open', now())""")
			.param("id", id).param("tenant", TenantId.DEFAULT.value())
			.update();
		return id.toString();
	}

	/** A queued (or already finished) run of a new agent of tenant A. */
	private static String run(HttpProbe a) {
		String agent = created(a, "/api/v1/agents", agent(), "id");
		Reply reply = a.json("POST", "/api/v1/agents/" + agent + "/runs", "{\"input\":\"hello\"}");
		assertThat(reply.status()).as("fixture POST runs: %s", reply.body()).isEqualTo(202);
		return reply.json().get("id").asString();
	}

	private static String created(HttpProbe a, String path, String body, String idField) {
		Reply reply = a.json("POST", path, body);
		assertThat(reply.status()).as("fixture POST %s: %s", path, reply.body()).isEqualTo(201);
		return reply.json().get(idField).asString();
	}

	@Test
	void everyEndpointWithAnIdAnswersNotFoundForAnotherTenantsResourceAndLeavesItAlone() {
		HttpProbe a = HttpProbe.signedIn(port);
		HttpProbe b = ownerOfAnotherTenant();
		List<String> uncovered = new ArrayList<>();
		int checked = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
			String pattern = mapping.getKey().getPatternValues().iterator().next();
			if (!pattern.startsWith("/api/") || !pattern.contains("{")
					|| PLATFORM_WIDE.keySet().stream().anyMatch(pattern::startsWith)) {
				continue;
			}
			String method = mapping.getKey().getMethodsCondition().getMethods().stream().findFirst().map(RequestMethod::name)
				.orElse("GET");
			Optional<Fixture> fixture = fixtures().stream()
				.filter(f -> pattern.startsWith(f.prefix()))
				.max(Comparator.comparingInt(f -> f.prefix().length()));
			if (fixture.isEmpty()) {
				uncovered.add(method + " " + pattern);
				continue;
			}
			String id = fixture.get().create().apply(a);

			Reply reply = b.json(method, pattern.replaceFirst("\\{[^}]+}", id).replaceAll("\\{[^}]+}", UUID.randomUUID().toString()),
					fixture.get().body(method));

			assertThat(reply.status()).as("%s %s by another tenant", method, pattern).isEqualTo(404);
			assertThat(reply.json().get("code").asString()).as("%s %s", method, pattern).isEqualTo("RESOURCE_NOT_FOUND");
			assertThat(a.get(fixture.get().readBack().replace("{id}", id)).status())
				.as("%s %s by another tenant left the resource in place", method, pattern).isEqualTo(200);
			checked++;
		}

		assertThat(uncovered).as("endpoints with an id but no fixture in this test").isEmpty();
		assertThat(checked).isGreaterThanOrEqualTo(12);
	}

	private HttpProbe ownerOfAnotherTenant() {
		String email = "owner-" + UUID.randomUUID() + "@example.org";
		TenantId other = users.userInTwoTenants(email, PASSWORD, "other-" + UUID.randomUUID().toString().substring(0, 8));
		Reply login = new HttpProbe(port).json("POST", "/api/v1/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"tenant\":\"" + users.tenantName(other) + "\"}");
		assertThat(login.status()).isEqualTo(200);
		return HttpProbe.withToken(port, login.json().get("accessToken").asString());
	}
}
