package dev.rampart.providers.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.providers.ModelBudgets;
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Budgets in {@code model_budgets}, cached per tenant for {@link #TTL} (every model call reads them). A
 * replacement is audited ({@code budgets.replaced}, before and after) and evicts the tenant on this node; other
 * nodes see it within the TTL.
 */
@Component
class JdbcModelBudgets implements ModelBudgets {

	static final Duration TTL = Duration.ofSeconds(5);

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final AuditLog audit;
	private final Cache<TenantId, List<Budget>> cache;

	JdbcModelBudgets(JdbcClient jdbc, TenantTransactions transactions, Clock clock, AuditLog audit) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.audit = audit;
		this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).ticker(new ClockTicker(clock)).build();
	}

	@Override
	public List<Budget> of(TenantId tenant) {
		return cache.get(tenant, this::load);
	}

	@Override
	public List<Budget> replace(TenantId tenant, List<Budget> budgets) {
		String actor = AuditActor.current().id();
		transactions.inTenant(tenant, () -> {
			List<Budget> before = load(tenant);
			jdbc.sql("delete from model_budgets where tenant_id = :tenant").param("tenant", tenant.value()).update();
			for (Budget budget : budgets) {
				jdbc.sql("""
						insert into model_budgets (id, tenant_id, scope, agent_id, period, max_tokens, max_cost_micros,
							updated_at, updated_by)
						values (:id, :tenant, :scope, :agent, :period, :tokens, :cost, :now, :actor)""")
					.param("id", UuidV7.next(clock))
					.param("tenant", tenant.value())
					.param("scope", budget.scope().name().toLowerCase(Locale.ROOT))
					.param("agent", budget.agentId())
					.param("period", budget.period().name().toLowerCase(Locale.ROOT))
					.param("tokens", budget.maxTokens())
					.param("cost", budget.maxCostMicros())
					.param("now", Timestamp.from(clock.instant()))
					.param("actor", actor)
					.update();
			}
			audit.record(new AuditEntry(tenant, actor, AuditActor.current().ip(), "budgets.replaced", "budgets", tenant.toString(),
					AuditEntry.SUCCEEDED, Map.of("before", view(before), "after", view(budgets))));
		});
		cache.invalidate(tenant);
		return of(tenant);
	}

	private List<Budget> load(TenantId tenant) {
		return transactions.inTenant(tenant, () -> jdbc.sql("""
				select scope, agent_id, period, max_tokens, max_cost_micros from model_budgets
				where tenant_id = :tenant order by scope desc, agent_id nulls first, period""")
			.param("tenant", tenant.value())
			.query((rs, row) -> new Budget(Scope.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getString(2),
					Period.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getObject(4, Long.class),
					rs.getObject(5, Long.class)))
			.list());
	}

	private static List<Map<String, @Nullable Object>> view(List<Budget> budgets) {
		return budgets.stream().map(budget -> {
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			fields.put("scope", budget.scope().name().toLowerCase(Locale.ROOT));
			fields.put("agentId", budget.agentId());
			fields.put("period", budget.period().name().toLowerCase(Locale.ROOT));
			fields.put("maxTokens", budget.maxTokens());
			fields.put("maxCostMicros", budget.maxCostMicros());
			return fields;
		}).toList();
	}

}
