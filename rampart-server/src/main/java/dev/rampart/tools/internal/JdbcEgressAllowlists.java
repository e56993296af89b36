package dev.rampart.tools.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.identity.AuditActor;
import dev.rampart.identity.AuditEntry;
import dev.rampart.identity.AuditLog;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.tools.EgressAllowlists;
import dev.rampart.tools.EgressPolicy;
import dev.rampart.tools.ToolsProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EgressAllowlists} in {@code tool_egress_allowlists}, each tenant's effective policy cached for {@link #TTL}
 * (every tool call asks). A change on this node evicts the tenant at once; other nodes see it within the TTL.
 */
@Component
class JdbcEgressAllowlists implements EgressAllowlists {

	static final Duration TTL = Duration.ofSeconds(10);

	static final int MAX_ENTRIES = 100;

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final AuditLog audit;
	private final JsonMapper json;
	private final List<String> nodeEntries;
	private final boolean tenantPrivateAccess;
	private final Cache<TenantId, EgressPolicy> policies = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000)
		.build();

	JdbcEgressAllowlists(JdbcClient jdbc, TenantTransactions transactions, Clock clock, AuditLog audit, JsonMapper json,
			ToolsProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.audit = audit;
		this.json = json;
		this.nodeEntries = properties.egress().allowedHosts();
		this.tenantPrivateAccess = properties.egress().tenantPrivateAccess();
	}

	@Override
	public List<String> entries(TenantId tenant) {
		return transactions.inTenant(tenant, () -> stored(tenant));
	}

	@Override
	public List<String> replace(TenantId tenant, List<String> given) {
		List<FieldProblem> problems = new ArrayList<>();
		if (given.size() > MAX_ENTRIES) {
			problems.add(new FieldProblem("allowedHosts", "at most " + MAX_ENTRIES + " entries"));
		}
		LinkedHashSet<String> entries = new LinkedHashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String entry = given.get(i) == null ? "" : given.get(i).strip().toLowerCase(Locale.ROOT);
			if (!EgressPolicy.isEntry(entry)) {
				problems.add(new FieldProblem("allowedHosts[" + i + "]", "must be a host (api.example.com), a domain's "
						+ "sub-domains (*.example.com) or host:port (api.internal:8443, [fd00::1]:8080)"));
			}
			entries.add(entry);
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		List<String> stored = List.copyOf(entries);
		String actor = AuditActor.current().id();
		transactions.inTenant(tenant, () -> {
			List<String> before = stored(tenant);
			jdbc.sql("""
					insert into tool_egress_allowlists (tenant_id, allowed_hosts, updated_at, updated_by)
					values (:tenant, cast(:hosts as jsonb), :now, :actor)
					on conflict (tenant_id) do update
						set allowed_hosts = excluded.allowed_hosts, updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
				.param("tenant", tenant.value())
				.param("hosts", json.writeValueAsString(stored))
				.param("now", Timestamp.from(clock.instant()))
				.param("actor", actor)
				.update();
			audit.record(new AuditEntry(tenant, actor, AuditActor.current().ip(), "tool_egress.updated", "tool_egress",
					null, AuditEntry.SUCCEEDED, Map.of("before", before, "after", stored)));
		});
		policies.invalidate(tenant);
		return stored;
	}

	@Override
	public EgressPolicy policyFor(TenantId tenant) {
		return policies.get(tenant, key -> policy(entries(tenant)));
	}

	/**
	 * The node's entries open private addresses as {@code host:port}; the tenant's do only when the node allows it,
	 * otherwise they are public-only entries.
	 */
	EgressPolicy policy(List<String> tenantEntries) {
		EgressPolicy node = EgressPolicy.defaults().withAllowedHosts(nodeEntries.toArray(String[]::new));
		if (tenantPrivateAccess) {
			List<String> all = new ArrayList<>(nodeEntries);
			all.addAll(tenantEntries);
			return node.withAllowedHosts(all.toArray(String[]::new));
		}
		return node.withPublicOnlyHosts(tenantEntries);
	}

	private List<String> stored(TenantId tenant) {
		return jdbc.sql("select allowed_hosts::text from tool_egress_allowlists where tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(String.class)
			.optional()
			.map(text -> List.of(json.readValue(text, String[].class)))
			.orElse(List.of());
	}
}
