package dev.rampart.tools.internal;

import java.sql.Timestamp;

import dev.rampart.shared.TenantTransactions;
import dev.rampart.tools.ExternalToolsHealth;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link ExternalToolsHealth} from one aggregate query over {@code mcp_servers} (as the system) and the invoker. */
@Component
class JdbcExternalToolsHealth implements ExternalToolsHealth {

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final DefaultToolInvoker invoker;

	JdbcExternalToolsHealth(JdbcClient jdbc, TenantTransactions transactions, DefaultToolInvoker invoker) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.invoker = invoker;
	}

	@Override
	public State state() {
		int openBreakers = invoker.openBreakers();
		DefaultToolInvoker.BreakerTenants breakerTenants = invoker.breakerTenants();
		return transactions.asSystem("summarise MCP servers' discovery for the health check", () -> jdbc.sql("""
				select count(*) as servers,
				       count(*) filter (where discovery_status = 'failed') as failing,
				       count(*) filter (where discovery_status = 'pending') as pending,
				       max(discovery_checked_at) as last_refresh,
				       count(distinct tenant_id) filter (where discovery_status <> 'pending') as tenants,
				       count(distinct tenant_id) filter (where discovery_status = 'failed') as failing_tenants
				from mcp_servers where enabled
				""").query((rs, row) -> {
			Timestamp last = rs.getTimestamp("last_refresh");
			return new State(rs.getInt("servers"), rs.getInt("failing"), rs.getInt("pending"),
					last == null ? null : last.toInstant(), openBreakers, rs.getInt("tenants"), rs.getInt("failing_tenants"),
					breakerTenants.tenants(), breakerTenants.open());
		}).single());
	}
}
