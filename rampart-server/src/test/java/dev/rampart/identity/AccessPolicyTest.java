package dev.rampart.identity;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTest {

	@ParameterizedTest(name = "{0} {2} {1}")
	@CsvSource({ "owner, agent:delete, true", "owner, tenant:manage, true", "admin, credential:use, true",
			"admin, tenant:manage, false", "developer, agent:write, true", "developer, credential:write, false",
			"developer, credential:use, true", "developer, member:manage, false", "operator, agent:execute, true",
			"operator, agent:write, false", "operator, run:cancel, true", "viewer, agent:read, true",
			"viewer, agent:execute, false", "viewer, credential:read, false", "viewer, audit:read, false",
			"admin, audit:read, true" })
	void builtInRolesGrantWhatTheirNameSays(String role, String permission, boolean allowed) {
		AccessRequest request = AccessRequest.of("user-1", Permission.of(permission), null);

		assertThat(AccessPolicy.decide(List.of(Role.builtIn(role).orElseThrow()), request).allowed()).isEqualTo(allowed);
	}

	@Test
	void nothingIsAllowedWithoutARole() {
		AccessPolicy.Decision decision = AccessPolicy.decide(List.of(), AccessRequest.of("u", Permission.of("agent:read"), null));

		assertThat(decision.allowed()).isFalse();
		assertThat(decision.reason()).contains("agent:read");
	}

	@Test
	void anOperatorMayExecuteOnlyAgentsTaggedForStaging() {
		Role stagingOperator = new Role("staging-operator",
				List.of(Grant.of("agent:execute", new Condition.Tagged(Map.of("env", "staging"))), Grant.of("agent:read")));

		assertThat(decide(stagingOperator, request("agent:execute", "someone", Map.of("env", "staging"), null))).isTrue();
		assertThat(decide(stagingOperator, request("agent:execute", "someone", Map.of("env", "production"), null))).isFalse();
		assertThat(decide(stagingOperator, request("agent:execute", "someone", Map.of(), null))).isFalse();
		assertThat(decide(stagingOperator, request("agent:read", "someone", Map.of("env", "production"), null))).isTrue();
	}

	@Test
	void forSomeResourceResourceConditionsCountAsMetButTheNetworkIsStillJudged() throws Exception {
		Role stagingFromOffice = new Role("staging-office", List.of(Grant.of("agent:execute", new Condition.AllOf(
				List.of(new Condition.Tagged(Map.of("env", "staging")), new Condition.FromNetwork("10.20.0.0/16"))))));
		AccessRequest fromOffice = AccessRequest.of("u", Permission.of("agent:execute"), InetAddress.getByName("10.20.1.2"));
		AccessRequest fromHome = AccessRequest.of("u", Permission.of("agent:execute"), InetAddress.getByName("192.0.2.7"));

		assertThat(AccessPolicy.decideForSomeResource(List.of(stagingFromOffice), fromOffice).allowed()).isTrue();
		assertThat(AccessPolicy.decide(List.of(stagingFromOffice), fromOffice).allowed()).isFalse();
		assertThat(AccessPolicy.decideForSomeResource(List.of(stagingFromOffice), fromHome).allowed()).isFalse();
		assertThat(AccessPolicy.decideForSomeResource(List.of(stagingFromOffice),
				AccessRequest.of("u", Permission.of("agent:delete"), InetAddress.getByName("10.20.1.2"))).allowed()).isFalse();
	}

	@Test
	void anOwnResourcesGrantCoversOnlyWhatThePrincipalOwns() {
		Role author = new Role("author", List.of(Grant.of("agent:write", new Condition.OwnResources())));

		assertThat(decide(author, request("agent:write", "user-1", Map.of(), null))).isTrue();
		assertThat(decide(author, request("agent:write", "user-2", Map.of(), null))).isFalse();
		assertThat(decide(author, request("agent:write", null, Map.of(), null))).isFalse();
	}

	@Test
	void aNetworkConditionChecksTheSourceAddressForBothFamilies() throws Exception {
		Role office = new Role("office", List.of(Grant.of("credential:use",
				new Condition.AllOf(List.of(new Condition.FromNetwork("10.20.0.0/16"))))));
		Role v6 = new Role("v6", List.of(Grant.of("credential:use", new Condition.FromNetwork("fd00::/8"))));

		assertThat(decide(office, request("credential:use", null, Map.of(), InetAddress.getByName("10.20.3.4")))).isTrue();
		assertThat(decide(office, request("credential:use", null, Map.of(), InetAddress.getByName("10.21.3.4")))).isFalse();
		assertThat(decide(office, request("credential:use", null, Map.of(), InetAddress.getByName("fd00::1")))).isFalse();
		assertThat(decide(office, request("credential:use", null, Map.of(), null))).isFalse();
		assertThat(decide(v6, request("credential:use", null, Map.of(), InetAddress.getByName("fd12:3456::9")))).isTrue();
		assertThat(decide(v6, request("credential:use", null, Map.of(), InetAddress.getByName("fe80::1")))).isFalse();
	}

	@Test
	void wildcardsGrantEveryActionOfAResourceButANeededPermissionIsConcrete() {
		assertThat(Permission.of("workflow:*").implies(Permission.of("workflow:execute"))).isTrue();
		assertThat(Permission.of("workflow:*").implies(Permission.of("agent:execute"))).isFalse();
		assertThatThrownBy(() -> AccessRequest.of("u", Permission.of("agent:*"), null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void malformedPermissionsAndNetworksAreRefused() {
		for (String bad : new String[] { "agent", "Agent:read", "agent:read:extra", "agent:", ":read", "agent read" }) {
			assertThatThrownBy(() -> Permission.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
		for (String bad : new String[] { "10.0.0.0", "10.0.0.0/33", "example.com/8", "::1/129" }) {
			assertThatThrownBy(() -> new Condition.FromNetwork(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
	}

	private static boolean decide(Role role, AccessRequest request) {
		return AccessPolicy.decide(List.of(role), request).allowed();
	}

	private static AccessRequest request(String permission, String owner, Map<String, String> tags, InetAddress source) {
		return new AccessRequest("user-1", Permission.of(permission), owner, tags, source);
	}
}
