package dev.rampart.agents.internal;

import java.util.Collection;
import java.util.List;

import dev.rampart.providers.ProviderReferences;
import dev.rampart.shared.TenantId;
import dev.rampart.tools.ToolReferences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which live agents use a provider or tools, so those are not deleted from under them. An agent uses what its latest
 * version names and what any version an alias points at names (a pinned {@code prod} alias still runs that version).
 * Soft-deleted agents do not count: restoring one whose provider or tool is gone gives an agent that fails at run
 * time, which its restore answer does not hide (docs/agents.md).
 */
@Component
class AgentUsage implements ProviderReferences, ToolReferences {

	/** Versions of live agents that can run: the latest and every aliased one. */
	private static final String RUNNABLE = """
			select distinct a.name from agents a
			join agent_versions v on v.tenant_id = a.tenant_id and v.agent_id = a.id
			where a.tenant_id = :tenant and a.deleted_at is null
				and (v.version = a.latest_version or exists (select 1 from agent_aliases al
					where al.tenant_id = v.tenant_id and al.agent_id = v.agent_id and al.version = v.version))
			""";

	private final JdbcClient jdbc;

	AgentUsage(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> referencesTo(TenantId tenant, String providerId) {
		return jdbc.sql(RUNNABLE + """
				and exists (select 1 from jsonb_array_elements(v.definition -> 'model' -> 'chain') step
					where step ->> 'provider' = :provider)
				order by a.name""")
			.param("tenant", tenant.value())
			.param("provider", providerId)
			.query((rs, row) -> "agent " + rs.getString(1))
			.list();
	}

	@Override
	public List<String> referencesTo(TenantId tenant, Collection<String> toolNames) {
		if (toolNames.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(RUNNABLE + """
				and exists (select 1 from jsonb_array_elements(coalesce(v.definition -> 'tools', '[]'::jsonb)) tool
					where tool ->> 'name' in (:names))
				order by a.name""")
			.param("tenant", tenant.value())
			.param("names", List.copyOf(toolNames))
			.query((rs, row) -> "agent " + rs.getString(1))
			.list();
	}
}
