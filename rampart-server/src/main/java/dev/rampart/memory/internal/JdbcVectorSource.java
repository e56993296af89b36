package dev.rampart.memory.internal;

import java.util.UUID;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import dev.rampart.memory.MemoryIndexProperties;
import dev.rampart.memory.VectorSource;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The memories table as the index's {@link VectorSource}: a cold rebuild streams one agent's vectors (1,000 rows per
 * fetch, in a transaction bound to the tenant, so row-level security applies as well as the filter). Vectors of another
 * dimension (an embedding model the index cannot hold) are skipped.
 */
final class JdbcVectorSource implements VectorSource {

	private final JdbcTemplate jdbc;

	private final TenantTransactions transactions;

	private final int dimension;

	JdbcVectorSource(DataSource dataSource, TenantTransactions transactions, MemoryIndexProperties index) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(1_000);
		this.transactions = transactions;
		this.dimension = index.dimension();
	}

	@Override
	public void forEachVector(TenantId tenant, UUID agent, BiConsumer<UUID, float[]> sink) {
		transactions.inTenant(tenant, () -> jdbc.query("""
				select id, embedding from memories
				where tenant_id = ? and agent_id = ? and octet_length(embedding) = ?""",
				rs -> {
					sink.accept(rs.getObject(1, UUID.class), VectorBytes.decode(rs.getBytes(2)));
				}, tenant.value(), agent, dimension * Float.BYTES));
	}
}
