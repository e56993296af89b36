package dev.rampart.memory.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.rampart.memory.Memories;
import dev.rampart.memory.MemoryOwners;
import dev.rampart.memory.MemoryPage;
import dev.rampart.memory.MemoryQuery;
import dev.rampart.memory.MemoryScopes;
import dev.rampart.memory.MemorySettings;
import dev.rampart.memory.MemorySource;
import dev.rampart.memory.MemoryStats;
import dev.rampart.memory.NewMemory;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.TenantId;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/agents/{agentId}/memories}: an agent's long-term memories (docs/memory.md, "API"). The agent must
 * exist in the caller's tenant: some {@link MemoryOwners} (the agents module's) must know it, else (and for anything of
 * another tenant) the answer is 404.
 */
@RestController
@RequestMapping("/api/v1/agents/{agentId}/memories")
class MemoriesController {

	static final int MAX_QUERY = 2_000;

	private final Memories memories;

	private final ObjectProvider<MemoryOwners> owners;

	private final CurrentTenant tenant;

	MemoriesController(Memories memories, ObjectProvider<MemoryOwners> owners, CurrentTenant tenant) {
		this.memories = memories;
		this.owners = owners;
		this.tenant = tenant;
	}

	/** One page, newest first; with {@code query}, the best matches instead (each with its score). */
	@GetMapping
	@Requires("memory:read")
	ListView list(@PathVariable String agentId, @RequestParam(required = false) @Nullable String query,
			@RequestParam(required = false) @Nullable Integer topK,
			@RequestParam(required = false) @Nullable List<String> scope,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		TenantId current = tenant.get();
		UUID agent = uuid(agentId);
		MemorySettings settings = settings(current, agent);
		List<String> scopes = scope == null ? List.of() : scope;
		checkParameters(query, topK, scopes, limit);
		if (query != null) {
			MemoryQuery search = MemoryQuery.of(query, settings).inScopes(scopes).withTopK(topK);
			return new ListView(memories.search(current, agent, search).stream().map(MemoryView::of).toList(), null);
		}
		if (scopes.size() > 1) {
			throw new InvalidFieldsException("scope", "lists one scope at most without a query");
		}
		MemoryPage page = memories.list(current, agent, scopes.isEmpty() ? null : scopes.getFirst(), cursor,
				limit == null ? 50 : limit);
		return new ListView(page.items().stream().map(MemoryView::of).toList(), page.nextCursor());
	}

	@PostMapping
	@Requires("memory:write")
	ResponseEntity<MemoryView> create(@PathVariable String agentId, @Valid @RequestBody MemoryRequest request) {
		TenantId current = tenant.get();
		UUID agent = uuid(agentId);
		MemorySettings settings = settings(current, agent);
		NewMemory memory = new NewMemory(request.text(), request.scope() == null ? MemoryScopes.AGENT : request.scope(),
				request.importance(), MemorySource.API, null, settings);
		MemoryView saved = MemoryView.of(memories.save(current, agent, memory));
		return ResponseEntity.created(URI.create("/api/v1/agents/" + agent + "/memories/" + saved.id())).body(saved);
	}

	@GetMapping("/stats")
	@Requires("memory:read")
	MemoryStats stats(@PathVariable String agentId) {
		TenantId current = tenant.get();
		UUID agent = uuid(agentId);
		settings(current, agent);
		return memories.stats(current, agent);
	}

	@GetMapping("/{memoryId}")
	@Requires("memory:read")
	MemoryView get(@PathVariable String agentId, @PathVariable String memoryId) {
		TenantId current = tenant.get();
		UUID agent = uuid(agentId);
		settings(current, agent);
		return memories.get(current, agent, uuid(memoryId)).map(MemoryView::of).orElseThrow(MemoriesController::notFound);
	}

	@DeleteMapping("/{memoryId}")
	@Requires("memory:write")
	ResponseEntity<Void> delete(@PathVariable String agentId, @PathVariable String memoryId) {
		TenantId current = tenant.get();
		UUID agent = uuid(agentId);
		settings(current, agent);
		if (!memories.delete(current, agent, uuid(memoryId))) {
			throw notFound();
		}
		return ResponseEntity.noContent().build();
	}

	/** A page of memories; {@code nextCursor} is null on the last page and for search results. */
	record ListView(List<MemoryView> items, @Nullable String nextCursor) {
	}

	private MemorySettings settings(TenantId current, UUID agent) {
		return owners.orderedStream()
			.flatMap(owner -> owner.settings(current, agent).stream())
			.findFirst()
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No agent with this id in this tenant."));
	}

	private static void checkParameters(@Nullable String query, @Nullable Integer topK, List<String> scopes,
			@Nullable Integer limit) {
		List<FieldProblem> errors = new ArrayList<>();
		if (query != null && (query.isBlank() || query.length() > MAX_QUERY)) {
			errors.add(new FieldProblem("query", "must be 1 to " + MAX_QUERY + " characters"));
		}
		if (topK != null && (topK < 1 || topK > MemorySettings.MAX_TOP_K)) {
			errors.add(new FieldProblem("topK", "must be between 1 and " + MemorySettings.MAX_TOP_K));
		}
		if (topK != null && query == null) {
			errors.add(new FieldProblem("topK", "applies to a search: give a query as well"));
		}
		if (scopes.size() > 20 || !scopes.stream().allMatch(MemoryScopes::isValid)) {
			errors.add(new FieldProblem("scope", "must be empty, thread:<id> or user:<id> (at most 20)"));
		}
		if (limit != null && (limit < 1 || limit > 200)) {
			errors.add(new FieldProblem("limit", "must be between 1 and 200"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
	}

	/** The id, or not found: a malformed id names nothing. */
	private static UUID uuid(String text) {
		try {
			if (text.length() == 36) {
				return UUID.fromString(text);
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through
		}
		throw notFound();
	}

	private static RampartException notFound() {
		return new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No such memory of this agent in this tenant.");
	}
}
