package dev.rampart.executions.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.executions.events.RunEventLog;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@link RunEventLog} on {@code runs} and {@code run_events}, each read one tenant-bound transaction. */
@Component
class JdbcRunEventLog implements RunEventLog {

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final RunRows rows;

	JdbcRunEventLog(JdbcClient jdbc, TenantTransactions transactions, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.rows = new RunRows(json);
	}

	@Override
	public Optional<Run> find(TenantId tenant, UUID runId) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select created_by, status from runs where tenant_id = :tenant"
				+ " and id = :id")
			.param("tenant", tenant.value()).param("id", runId)
			.query((rs, n) -> {
				String by = rs.getString("created_by");
				return new Run(runId, by.substring(by.indexOf(':') + 1), rs.getString("status"));
			})
			.optional());
	}

	@Override
	public List<Event> after(TenantId tenant, UUID runId, long afterSeq, int limit) {
		return transactions.inTenant(tenant, () -> jdbc.sql("select seq, type, data::text as data, at from run_events"
				+ " where tenant_id = :tenant and run_id = :id and seq > :after order by seq limit :limit")
			.param("tenant", tenant.value()).param("id", runId).param("after", afterSeq).param("limit", limit)
			.query((rs, n) -> {
				var event = rows.event(rs);
				return new Event(event.seq(), event.type(), event.data(), event.at());
			})
			.list());
	}
}
