package dev.rampart.gateway.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.gateway.GatewayPolicies;
import dev.rampart.gateway.GatewayPolicy;
import dev.rampart.gateway.GatewayProperties;
import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.MaskingPolicy;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.providers.spi.ScreeningAction;
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gateway policies in {@code gateway_policies}, one row per tenant that changed the defaults, behind a Caffeine
 * cache (at most 10,000 tenants, {@code policy-cache-ttl} after load). A write evicts the tenant on this node
 * only; other nodes see it when their entry expires.
 */
@Component
class JdbcGatewayPolicies implements GatewayPolicies {

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final AuditLog audit;
	private final JsonMapper json;
	private final Clock clock;
	private final Cache<TenantId, GatewayPolicy> cache;

	JdbcGatewayPolicies(JdbcClient jdbc, TenantTransactions transactions, AuditLog audit, JsonMapper json, Clock clock,
			GatewayProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
		this.cache = Caffeine.newBuilder()
			.maximumSize(10_000)
			.expireAfterWrite(properties.policyCacheTtl())
			.ticker(new ClockTicker(clock))
			.build();
	}

	@Override
	public GatewayPolicy of(TenantId tenant) {
		return cache.get(tenant, this::load);
	}

	@Override
	public GatewayPolicy replace(TenantId tenant, Map<MaskingCategory, MaskAction> masking, boolean maskPrompts,
			ScreeningAction screening) {
		String actor = AuditActor.current().id();
		GatewayPolicy changed = transactions.inTenant(tenant, () -> {
			GatewayPolicy before = stored(tenant).orElse(GatewayPolicy.defaults());
			Instant now = clock.instant();
			jdbc.sql("""
					insert into gateway_policies (tenant_id, masking, screening, updated_at, updated_by)
					values (:tenant, :masking::jsonb, :screening::jsonb, :now, :actor)
					on conflict (tenant_id) do update set masking = excluded.masking, screening = excluded.screening,
						updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
				.param("tenant", tenant.value())
				.param("masking", json.writeValueAsString(maskingJson(masking, maskPrompts)))
				.param("screening", json.writeValueAsString(Map.of("default", screening.name())))
				.param("now", Timestamp.from(now))
				.param("actor", actor)
				.update();
			GatewayPolicy after = policy(masking, maskPrompts, screening, now, actor);
			audit.record(new AuditEntry(tenant, actor, AuditActor.current().ip(), "gateway.policy.updated", "gateway-policy", tenant.toString(),
					AuditEntry.SUCCEEDED, Map.of("before", view(before), "after", view(after))));
			return after;
		});
		cache.invalidate(tenant);
		return changed;
	}

	private GatewayPolicy load(TenantId tenant) {
		return transactions.inTenant(tenant, () -> stored(tenant)).orElse(GatewayPolicy.defaults());
	}

	private Optional<GatewayPolicy> stored(TenantId tenant) {
		return jdbc.sql("""
				select masking::text as masking, screening::text as screening, updated_at, updated_by
				from gateway_policies where tenant_id = :tenant""")
			.param("tenant", tenant.value())
			.query((rs, n) -> {
				JsonNode masking = json.readTree(rs.getString("masking"));
				JsonNode screening = json.readTree(rs.getString("screening"));
				Map<MaskingCategory, MaskAction> actions = new EnumMap<>(MaskingCategory.class);
				masking.path("actions").properties().forEach(entry -> {
					// names written by an older version that this one does not know are skipped, not fatal
					PolicyNames.category(entry.getKey()).ifPresent(category -> PolicyNames.action(entry.getValue().asString(""))
						.ifPresent(action -> actions.put(category, action)));
				});
				ScreeningAction action = PolicyNames.screening(screening.path("default").asString(""))
					.orElse(ScreeningAction.FLAG);
				return policy(actions, masking.path("prompts").asBoolean(false), action,
						rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
			})
			.optional();
	}

	private static GatewayPolicy policy(Map<MaskingCategory, MaskAction> masking, boolean maskPrompts,
			ScreeningAction screening, Instant updatedAt, String updatedBy) {
		return new GatewayPolicy(new MaskingPolicy(masking), maskPrompts, screening, masking, updatedAt, updatedBy);
	}

	private static Map<String, Object> maskingJson(Map<MaskingCategory, MaskAction> masking, boolean maskPrompts) {
		Map<String, String> actions = new TreeMap<>();
		masking.forEach((category, action) -> actions.put(category.name(), action.name()));
		return Map.of("actions", actions, "prompts", maskPrompts);
	}

	/** What the audit log shows of a policy: its effective actions, the prompt flag and the screening default. */
	static Map<String, Object> view(GatewayPolicy policy) {
		Map<String, String> actions = new LinkedHashMap<>();
		policy.masking().actions().forEach((category, action) -> actions.put(category.name(), action.name()));
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("masking", actions);
		view.put("maskPrompts", policy.maskPrompts());
		view.put("screening", policy.screening().name());
		return view;
	}

}
