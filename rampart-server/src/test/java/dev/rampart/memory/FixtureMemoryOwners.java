package dev.rampart.memory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.rampart.shared.TenantId;
import org.springframework.stereotype.Component;

/**
 * Stands in for the agents module's {@link MemoryOwners} in every test context until agents exist: tests register the
 * agents they use. {@link #FIXTURE_AGENT} exists in tenant {@code default} from the start, for the generated guards
 * (ForeignTenantIT, EndpointAuthorizationIT) that need an agent of tenant A. A component rather than an imported test
 * configuration so that those guards (module identity) need not refer to the memory module. It knows only the agents
 * registered here, so a real implementation alongside it still answers for real agents.
 */
@Component
public class FixtureMemoryOwners implements MemoryOwners {

	/** An agent of tenant {@code default} and of no other tenant (ForeignTenantIT spells it out). */
	public static final UUID FIXTURE_AGENT = UUID.fromString("0193a5b0-7e57-7000-8000-00000000f1a7");

	private final Map<TenantId, Map<UUID, MemorySettings>> agents = new ConcurrentHashMap<>();

	FixtureMemoryOwners() {
		add(TenantId.DEFAULT, FIXTURE_AGENT, MemorySettings.DEFAULTS);
	}

	/** Makes {@code agent} exist in {@code tenant} with these settings. */
	public void add(TenantId tenant, UUID agent, MemorySettings settings) {
		agents.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(agent, settings);
	}

	@Override
	public Optional<MemorySettings> settings(TenantId tenant, UUID agentId) {
		return Optional.ofNullable(agents.getOrDefault(tenant, Map.of()).get(agentId));
	}
}
