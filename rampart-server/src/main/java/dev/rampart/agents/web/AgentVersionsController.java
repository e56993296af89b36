package dev.rampart.agents.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.rampart.agents.internal.JdbcAgents;
import dev.rampart.agents.internal.StoredAgent;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * An agent's immutable versions and its aliases (docs/agents.md, "Versions and aliases"): {@code PUT} on an alias
 * creates or moves it, and moving it back to an older version is the rollback.
 */
@RestController
@RequestMapping("/api/v1/agents/{id}")
class AgentVersionsController {

	private final JdbcAgents agents;
	private final CurrentTenant tenant;

	AgentVersionsController(JdbcAgents agents, CurrentTenant tenant) {
		this.agents = agents;
		this.tenant = tenant;
	}

	/** Newest first, each with the aliases that point at it; definitions at {@code /versions/{n}}. */
	@GetMapping("/versions")
	@Requires(value = "agent:read", perResource = true)
	List<VersionSummary> versions(@PathVariable String id) {
		var agent = AgentsController.known(id);
		List<StoredAgent.Version> versions = agents.versions(tenant.get(), agent);
		Map<Integer, List<String>> aliases = agents.aliases(tenant.get(), agent).stream()
			.collect(Collectors.groupingBy(StoredAgent.Alias::version,
					Collectors.mapping(StoredAgent.Alias::name, Collectors.toList())));
		return versions.stream()
			.map(version -> new VersionSummary(version.version(), version.createdAt(), version.createdBy(),
					aliases.getOrDefault(version.version(), List.of())))
			.toList();
	}

	record VersionSummary(int version, Instant createdAt, String createdBy, List<String> aliases) {
	}

	@GetMapping("/versions/{version}")
	@Requires(value = "agent:read", perResource = true)
	VersionView version(@PathVariable String id, @PathVariable String version) {
		var agent = AgentsController.known(id);
		int number = number(version);
		StoredAgent.Version found = agents.version(tenant.get(), agent, number);
		return new VersionView(found.version(), found.createdAt(), found.createdBy(), found.definition());
	}

	record VersionView(int version, Instant createdAt, String createdBy, JsonNode definition) {
	}

	@GetMapping("/aliases")
	@Requires(value = "agent:read", perResource = true)
	List<StoredAgent.Alias> aliases(@PathVariable String id) {
		return agents.aliases(tenant.get(), AgentsController.known(id));
	}

	/** Creates the alias or moves it to the version given. */
	@PutMapping("/aliases/{name}")
	@Requires(value = "agent:write", perResource = true)
	StoredAgent.Alias setAlias(@PathVariable String id, @PathVariable String name, @RequestBody @Valid AliasRequest request) {
		return agents.setAlias(tenant.get(), AgentsController.known(id), name, request.version());
	}

	/** @param version the version the alias points at from now on */
	record AliasRequest(@NotNull @Min(1) Integer version) {
	}

	@DeleteMapping("/aliases/{name}")
	@Requires(value = "agent:write", perResource = true)
	ResponseEntity<Void> deleteAlias(@PathVariable String id, @PathVariable String name) {
		agents.deleteAlias(tenant.get(), AgentsController.known(id), name);
		return ResponseEntity.noContent().build();
	}

	private static int number(String version) {
		if (!version.matches("[1-9][0-9]{0,8}")) {
			throw new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "Versions are numbered 1, 2, 3, ...");
		}
		return Integer.parseInt(version);
	}
}
