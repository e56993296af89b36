package dev.rampart.identity.internal;

import java.util.Optional;
import java.util.UUID;

import dev.rampart.identity.AccessRequest;
import dev.rampart.identity.MemberPermissions;
import dev.rampart.identity.Permission;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.TenantId;
import org.springframework.stereotype.Component;

/**
 * {@link MemberPermissions} on the members' rows and the tenant's roles, decided as for a request of the member with no
 * known address (a grant conditioned on the network does not apply).
 */
@Component
class MemberDecisions implements MemberPermissions {

	private final JdbcUsers users;
	private final TenantRoles roles;

	MemberDecisions(JdbcUsers users, TenantRoles roles) {
		this.users = users;
		this.roles = roles;
	}

	@Override
	public boolean holds(TenantId tenant, UUID user, String permission) {
		Optional<JdbcUsers.Member> member = users.member(tenant, user);
		if (member.isEmpty() || member.get().user().disabled()) {
			return false;
		}
		RampartPrincipal principal = RampartPrincipal.user(user.toString(), tenant, member.get().role(),
				member.get().user().platformAdmin(), false);
		return roles.decideForSomeResource(principal, AccessRequest.of(user.toString(), Permission.of(permission), null))
			.allowed();
	}

	@Override
	public Optional<String> displayName(TenantId tenant, UUID user) {
		return users.member(tenant, user).map(member -> member.user().name() != null && !member.user().name().isBlank()
				? member.user().name() : member.user().email());
	}
}
