package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.TenantId;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/gateway-policy}: the effective policy with its defaults, validated replacement, audit and storage. */
@ServerTest
class GatewayPolicyIT {

	@LocalServerPort
	int port;

	@Autowired
	GatewayPolicies policies;

	@Autowired
	DataSource dataSource;

	private HttpProbe owner;
	private TenantId tenant;

	@BeforeEach
	void ownTenant() {
		String name = "policy-" + UUID.randomUUID().toString().substring(0, 8);
		owner = HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", "cobalt-meadow-lantern-17");
		tenant = TenantId.of(owner.get("/api/v1/users/me").json().get("tenant").get("id").asString());
	}

	@Test
	void aNewTenantHasTheDefaults() {
		JsonNode policy = owner.get("/api/v1/gateway-policy").json();

		assertThat(policy.get("masking").get("API_KEY").asString()).isEqualTo("MASK");
		assertThat(policy.get("masking").get("EMAIL").asString()).isEqualTo("PARTIAL");
		assertThat(policy.get("masking").properties()).hasSize(MaskingCategory.values().length);
		assertThat(policy.get("customized").isEmpty()).isTrue();
		assertThat(policy.get("maskPrompts").asBoolean()).isFalse();
		assertThat(policy.get("screening").asString()).isEqualTo("FLAG");
		assertThat(policy.get("updatedAt").isNull()).isTrue();
	}

	@Test
	void aReplacementIsStoredAuditedAndSeenAtOnceOnThisNode() {
		Reply put = owner.json("PUT", "/api/v1/gateway-policy",
				"{\"masking\":{\"email\":\"allow\",\"api-key\":\"PARTIAL\"},\"maskPrompts\":true,\"screening\":\"block\"}");

		assertThat(put.status()).as(put.body()).isEqualTo(200);
		JsonNode policy = owner.get("/api/v1/gateway-policy").json();
		assertThat(policy.get("masking").get("EMAIL").asString()).isEqualTo("ALLOW");
		assertThat(policy.get("masking").get("API_KEY").asString()).isEqualTo("PARTIAL");
		assertThat(policy.get("masking").get("JWT").asString()).isEqualTo("MASK");
		assertThat(policy.get("customized").valueStream().map(JsonNode::asString)).containsExactly("API_KEY", "EMAIL");
		assertThat(policy.get("maskPrompts").asBoolean()).isTrue();
		assertThat(policy.get("screening").asString()).isEqualTo("BLOCK");
		assertThat(policy.get("updatedBy").asString()).isNotBlank();
		assertThat(policies.of(tenant).masking().actionFor(MaskingCategory.EMAIL)).isEqualTo(MaskAction.ALLOW);

		String stored = DatabaseOwner.jdbc(dataSource).sql("select masking::text from gateway_policies where tenant_id = :t")
			.param("t", tenant.value()).query(String.class).single();
		assertThat(stored).contains("\"EMAIL\": \"ALLOW\"").contains("\"prompts\": true");
		JsonNode audit = owner.get("/api/v1/audit-events?action=gateway.policy.updated").json().get("items");
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).get("details").get("before").get("masking").get("EMAIL").asString()).isEqualTo("PARTIAL");
		assertThat(audit.get(0).get("details").get("after").get("screening").asString()).isEqualTo("BLOCK");
	}

	@Test
	void aReplacementLeavesOutCategoriesThatGoBackToTheirDefaults() {
		owner.json("PUT", "/api/v1/gateway-policy", "{\"masking\":{\"EMAIL\":\"ALLOW\"}}");
		owner.json("PUT", "/api/v1/gateway-policy", "{\"masking\":{}}");

		assertThat(owner.get("/api/v1/gateway-policy").json().get("masking").get("EMAIL").asString()).isEqualTo("PARTIAL");
	}

	@Test
	void everyInvalidNameIsReportedAtOnceWithTheAllowedOnes() {
		Reply refused = owner.json("PUT", "/api/v1/gateway-policy",
				"{\"masking\":{\"SSN\":\"MASK\",\"EMAIL\":\"HIDE\"},\"screening\":\"IGNORE\"}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");
		List<String> messages = refused.json().get("errors").valueStream()
			.map(e -> e.get("field").asString() + ": " + e.get("message").asString()).toList();
		assertThat(messages).containsExactlyInAnyOrder(
				"masking.SSN: is not a masking category; allowed: API_KEY, JWT, PRIVATE_KEY, EMAIL, PHONE, CARD, IBAN, NATIONAL_ID",
				"masking.EMAIL: 'HIDE' is not a masking action; allowed: MASK, PARTIAL, ALLOW",
				"screening: 'IGNORE' is not a screening action; allowed: FLAG, BLOCK, WRAP");
		assertThat(owner.get("/api/v1/gateway-policy").json().get("updatedAt").isNull()).isTrue();
	}
}
