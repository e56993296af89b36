package dev.rampart.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.tools.EgressPolicy;
import dev.rampart.tools.ToolsProperties;
import org.junit.jupiter.api.Test;

/**
 * A call's effective policy is the node's allowlist and the tenant's; in a shared installation (the default) a tenant's
 * {@code host:port} entry reaches public addresses only, so a tenant owner cannot reach the node's own services.
 */
class EgressAllowlistPolicyTest {

	/** internal.example.com resolves to a private address, api.example.com to a public one. */
	private final EgressTargets targets = new EgressTargets(host -> switch (host) {
		case "internal.example.com" -> new InetAddress[] { InetAddress.getByName("10.1.2.3") };
		default -> new InetAddress[] { InetAddress.getByName("93.184.215.14") };
	});

	private static EgressPolicy policy(List<String> node, boolean tenantPrivateAccess, List<String> tenant) {
		JdbcEgressAllowlists allowlists = new JdbcEgressAllowlists(null, null, null, null, null,
				new ToolsProperties(new ToolsProperties.Egress(node, tenantPrivateAccess)));
		return allowlists.policy(tenant);
	}

	private static void assertRefused(Runnable call, String why) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(RampartException.class, ex -> {
			assertThat(ex.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
			assertThat(ex.technicalDetails()).contains(why);
		});
	}

	@Test
	void aTenantsHostPortEntryDoesNotOpenLoopbackOrPrivateAddressesByDefault() {
		EgressPolicy policy = policy(List.of(), false, List.of("127.0.0.1:8080", "internal.example.com:443"));

		assertRefused(() -> targets.check(URI.create("http://127.0.0.1:8080/"), policy), "loopback");
		assertRefused(() -> targets.check(URI.create("https://internal.example.com/"), policy), "private");
	}

	@Test
	void aTenantsEntriesStillReachPublicAddressesAndLimitTheCallToThem() {
		EgressPolicy policy = policy(List.of(), false, List.of("api.example.com:443"));

		assertThat(targets.check(URI.create("https://api.example.com/v1"), policy).port()).isEqualTo(443);
		assertRefused(() -> targets.check(URI.create("https://other.example.org/"), policy), "not on the tenant's allowlist");
	}

	@Test
	void theNodesEntriesAndTheTenantsAreJoined() {
		EgressPolicy policy = policy(List.of("127.0.0.1:9000"), false, List.of("api.example.com"));

		assertThat(targets.check(URI.create("http://127.0.0.1:9000/"), policy).addresses()).hasSize(1);
		assertThat(targets.check(URI.create("https://api.example.com/"), policy).port()).isEqualTo(443);
	}

	@Test
	void whenTheNodeAllowsItATenantsHostPortEntryOpensAPrivateAddress() {
		EgressPolicy policy = policy(List.of(), true, List.of("127.0.0.1:8080"));

		assertThat(targets.check(URI.create("http://127.0.0.1:8080/"), policy).port()).isEqualTo(8080);
		assertRefused(() -> targets.check(URI.create("http://127.0.0.1:8081/"), policy), "not on the tenant's allowlist");
	}

	@Test
	void metadataAddressesStayRefusedWhateverTheEntries() {
		EgressPolicy policy = policy(List.of(), true, List.of("169.254.169.254:80"));

		assertRefused(() -> targets.check(URI.create("http://169.254.169.254/"), policy), "metadata");
	}
}
