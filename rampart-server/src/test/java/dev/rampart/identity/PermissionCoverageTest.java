package dev.rampart.identity;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What holding a grant includes: the rule behind "nobody hands out more than they hold" and the platform boundary. */
class PermissionCoverageTest {

	@ParameterizedTest(name = "{0} covers {1}: {2}")
	@CsvSource({ "*:*, agent:read, true", "*:*, *:read, true", "*:*, platform:admin, false", "*:admin, platform:admin, false",
			"agent:*, agent:read, true", "agent:*, agent:*, true", "agent:*, *:read, false", "*:read, agent:read, true",
			"*:read, agent:*, false", "agent:read, agent:execute, false", "platform:admin, platform:admin, true" })
	void aPermissionCoversItselfAndWhatItsWildcardsIncludeButNeverThePlatformByWildcard(String held, String wanted,
			boolean covered) {
		assertThat(Permission.of(held).covers(Permission.of(wanted))).isEqualTo(covered);
	}

	@Test
	void ownersStarStarDoesNotMakeThemPlatformAdmins() {
		AccessRequest platform = AccessRequest.of("u", Permission.PLATFORM_ADMIN, null);

		assertThat(AccessPolicy.decide(List.of(Role.OWNER), platform).allowed()).isFalse();
		assertThat(AccessPolicy.decide(List.of(Role.OWNER, Role.PLATFORM_ADMIN), platform).allowed()).isTrue();
	}

	@Test
	void anUnconditionalGrantCoversConditionalOnesButAConditionalGrantOnlyTheSameCondition() {
		Condition staging = new Condition.Tagged(Map.of("env", "staging"));
		Grant any = Grant.of("agent:*");
		Grant onStaging = Grant.of("agent:execute", staging);

		assertThat(any.covers(onStaging)).isTrue();
		assertThat(onStaging.covers(Grant.of("agent:execute"))).isFalse();
		assertThat(onStaging.covers(Grant.of("agent:execute", new Condition.Tagged(Map.of("env", "staging"))))).isTrue();
		assertThat(onStaging.covers(Grant.of("agent:execute", new Condition.Tagged(Map.of("env", "prod"))))).isFalse();
		assertThat(Role.ADMIN.covers(Role.DEVELOPER)).isTrue();
		assertThat(Role.DEVELOPER.covers(Role.ADMIN)).isFalse();
		assertThat(Role.ADMIN.uncovered(Role.OWNER.grants())).extracting(Grant::permission).containsExactly(Permission.of("*:*"));
	}

	@Test
	void everyBuiltInRoleReadsItsNotifications() {
		AccessRequest notifications = AccessRequest.of("u", Permission.of("notification:read"), null);

		assertThat(Role.BUILT_IN).allSatisfy(role ->
				assertThat(AccessPolicy.decide(List.of(role), notifications).allowed()).as(role.name()).isTrue());
	}

	@Test
	void onlyKnownTenantResourcesAreGrantable() {
		assertThat(Permission.grantable("agent:execute")).isEqualTo(Permission.of("agent:execute"));
		assertThat(Permission.grantable("*:read")).isEqualTo(Permission.of("*:read"));
		assertThatThrownBy(() -> Permission.grantable("platform:admin")).hasMessageContaining("not a known resource")
			.hasMessageContaining("agent, anomaly, api-key, audit");
		assertThatThrownBy(() -> Permission.grantable("spaceship:fly")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aNetworkConditionMayListSeveralNetworks() throws Exception {
		Condition office = new Condition.FromNetwork(List.of("10.0.0.0/8", "fd00::/8"));
		Permission read = Permission.of("agent:read");

		assertThat(office.holds(AccessRequest.of("u", read, InetAddress.getByName("10.1.2.3")))).isTrue();
		assertThat(office.holds(AccessRequest.of("u", read, InetAddress.getByName("fd00::1")))).isTrue();
		assertThat(office.holds(AccessRequest.of("u", read, InetAddress.getByName("192.168.1.1")))).isFalse();
		assertThatThrownBy(() -> new Condition.FromNetwork(List.of())).isInstanceOf(IllegalArgumentException.class);
	}
}
