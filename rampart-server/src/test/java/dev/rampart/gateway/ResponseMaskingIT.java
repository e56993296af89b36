package dev.rampart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerTest;
import dev.rampart.shared.Unmasked;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * JSON answers of the API are masked by the tenant's policy: values planted in stored text come back masked,
 * errors that echo a rejected value too, while the handlers that must show a secret (tokens, a new API key,
 * members' e-mails) opt out by category and say why.
 */
@ServerTest
class ResponseMaskingIT {

	private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
	private static final String OPENAI_KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0";
	private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
	private static final String PASSWORD = "willow-anchor-copper-36";

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private HttpProbe owner;
	private String ownerEmail;

	@BeforeEach
	void ownTenant() {
		String name = "resp-" + UUID.randomUUID().toString().substring(0, 8);
		ownerEmail = name + "@example.org";
		owner = HttpProbe.ownerOfNewTenant(port, name, ownerEmail, PASSWORD);
	}

	private String roleWithDescription(String description) {
		Reply created = owner.json("POST", "/api/v1/roles", "{\"name\":\"r-" + UUID.randomUUID().toString().substring(0, 8)
				+ "\",\"description\":\"" + description + "\",\"grants\":[{\"permission\":\"agent:read\"}]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain(AWS_KEY).doesNotContain(JWT);
		return created.json().get("id").asString();
	}

	@Test
	void secretsAndPersonalDataPlantedInAStoredTextComeBackMasked() {
		String id = roleWithDescription("deploy with " + AWS_KEY + " and " + JWT + " or mail ops.lead@example.com");

		Reply one = owner.get("/api/v1/roles/" + id);
		Reply all = owner.get("/api/v1/roles");

		assertThat(one.json().get("description").asString())
			.isEqualTo("deploy with [redacted:api-key] and [redacted:jwt] or mail o***@example.com");
		assertThat(all.body()).doesNotContain(AWS_KEY).doesNotContain(JWT).contains("[redacted:api-key]");
	}

	@Test
	void theTenantsPolicyDecidesWhatIsMaskedInAnswers() {
		String id = roleWithDescription("deploy with " + AWS_KEY + " or mail ops.lead@example.com");
		owner.json("PUT", "/api/v1/gateway-policy", "{\"masking\":{\"API_KEY\":\"ALLOW\",\"EMAIL\":\"MASK\"}}");

		assertThat(owner.get("/api/v1/roles/" + id).json().get("description").asString())
			.isEqualTo("deploy with " + AWS_KEY + " or mail [redacted:email]");
	}

	@Test
	void aNewApiKeyIsShownOnceInClearWhileItsNameIsMaskedInLaterAnswers() {
		Reply created = owner.json("POST", "/api/v1/api-keys",
				"{\"name\":\"ci " + OPENAI_KEY + "\",\"permissions\":[\"agent:read\"]}");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("key").asString()).startsWith("rpk_").doesNotContain("redacted");
		Reply listed = owner.get("/api/v1/api-keys");
		assertThat(listed.body()).doesNotContain(OPENAI_KEY).contains("ci [redacted:api-key]");
	}

	@Test
	void signInRefreshAndMembersStillShowWhatTheCallerIsEntitledTo() {
		Reply login = new HttpProbe(port).json("POST", "/api/v1/auth/login",
				"{\"email\":\"" + ownerEmail + "\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(login.status()).isEqualTo(200);
		String access = login.json().get("accessToken").asString();
		assertThat(access).startsWith("eyJ");
		assertThat(login.json().get("refreshToken").asString()).startsWith("rt_");

		Reply refreshed = new HttpProbe(port).json("POST", "/api/v1/auth/refresh",
				"{\"refreshToken\":\"" + login.json().get("refreshToken").asString() + "\"}");
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		HttpProbe again = HttpProbe.withToken(port, refreshed.json().get("accessToken").asString());
		assertThat(again.get("/api/v1/users/me").json().get("email").asString()).isEqualTo(ownerEmail);
		assertThat(again.get("/api/v1/members").body()).contains(ownerEmail);
	}

	@Test
	void anErrorThatEchoesARejectedValueIsMaskedToo() {
		Reply unknownField = owner.json("POST", "/api/v1/roles",
				"{\"name\":\"x\",\"grants\":[],\"" + OPENAI_KEY + "\":1}");
		Reply badCategory = owner.json("PUT", "/api/v1/gateway-policy", "{\"masking\":{\"" + AWS_KEY + "\":\"MASK\"}}");
		Reply anonymous = new HttpProbe(port).json("POST", "/api/v1/auth/login",
				"{\"email\":\"a@example.org\",\"password\":\"x\",\"" + JWT + "\":1}");

		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.contentType()).startsWith("application/problem+json");
		assertThat(unknownField.json().get("code").asString()).isEqualTo("UNKNOWN_FIELD");
		assertThat(unknownField.body()).doesNotContain(OPENAI_KEY).contains("[redacted:api-key]");
		assertThat(badCategory.status()).isEqualTo(400);
		assertThat(badCategory.body()).doesNotContain(AWS_KEY).contains("[redacted:api-key]");
		assertThat(anonymous.status()).isEqualTo(400);
		assertThat(anonymous.body()).doesNotContain(JWT).contains("[redacted:jwt]");
	}

	/**
	 * Generated from the application's mappings: every handler that opts out of masking names known categories
	 * and a reason, and the list of opt-outs is this one, so a new opt-out is a visible decision.
	 */
	@Test
	void everyOptOutNamesKnownCategoriesAndAReasonAndTheListIsKnown() {
		List<String> optOuts = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			Unmasked unmasked = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Unmasked.class);
			if (unmasked == null) {
				unmasked = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Unmasked.class);
			}
			if (unmasked == null) {
				return;
			}
			String handler = method.getBeanType().getSimpleName() + "." + method.getMethod().getName();
			optOuts.add(handler + " " + (unmasked.categories().length == 0 ? "ALL" : String.join(",", unmasked.categories())));
			if (unmasked.reason().isBlank()) {
				problems.add(handler + " has no reason");
			}
			Arrays.stream(unmasked.categories())
				.filter(name -> Arrays.stream(MaskingCategory.values()).noneMatch(c -> c.name().equals(name)))
				.forEach(name -> problems.add(handler + " names unknown category " + name));
		});

		assertThat(problems).isEmpty();
		assertThat(optOuts).containsExactlyInAnyOrder("AuthController.login JWT,API_KEY", "AuthController.refresh JWT,API_KEY",
				"AuthController.switchTenant JWT,API_KEY", "AuthController.logout JWT,API_KEY", "UsersMeController.me EMAIL",
				"UsersMeController.changePassword JWT,API_KEY", "ApiKeysController.create API_KEY", "MembersController.list EMAIL",
				"MembersController.get EMAIL", "MembersController.add EMAIL", "MembersController.changeRole EMAIL",
				"PlaygroundController.chat ALL", "InvokeController.invoke ALL");
	}
}
