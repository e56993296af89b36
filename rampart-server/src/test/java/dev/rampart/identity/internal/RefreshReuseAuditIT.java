package dev.rampart.identity.internal;

import java.util.UUID;

import dev.rampart.ServerTest;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.AuditQuery;
import dev.rampart.identity.RefreshTokens;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refresh-token reuse is a security event on the tenant's audit log. */
@ServerTest
class RefreshReuseAuditIT {

	private final RefreshTokens tokens;
	private final AuditLog audit;

	@Autowired
	RefreshReuseAuditIT(RefreshTokens tokens, AuditLog audit) {
		this.tokens = tokens;
		this.audit = audit;
	}

	@Test
	void aReusedRefreshTokenIsAuditedAsADeniedEventOfItsTenant() {
		TenantId tenant = new TenantId(UUID.randomUUID());
		UUID user = UUID.randomUUID();
		RefreshTokens.Issued login = tokens.start(user, tenant);
		tokens.rotate(login.token());

		assertThatThrownBy(() -> tokens.rotate(login.token())).isInstanceOf(RampartException.class);

		var events = audit.page(tenant, AuditQuery.newest(50)).items();
		assertThat(events).hasSize(1);
		assertThat(events.getFirst().action()).isEqualTo("auth.refresh.reused");
		assertThat(events.getFirst().actor()).isEqualTo(user.toString());
		assertThat(events.getFirst().targetId()).isEqualTo(login.family().toString());
		assertThat(audit.verify(tenant).intact()).isTrue();
	}
}
