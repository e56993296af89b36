package dev.rampart.tools.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import dev.rampart.tools.OpenApiToolSets;
import dev.rampart.tools.OpenApiToolSets.Auth;
import dev.rampart.tools.OpenApiToolSets.NewToolSet;
import dev.rampart.tools.OpenApiToolSets.ToolSet;
import dev.rampart.tools.OpenApiToolSets.ToolSummary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/tools/openapi}: a tenant's OpenAPI tool sets (docs/tools.md, "OpenAPI tool sets"). The document is
 * checked by {@link OpenApiToolSets}, which names every problem by path; the credential is referenced by id and never
 * shown.
 */
@RestController
@RequestMapping("/api/v1/tools/openapi")
class OpenApiToolSetsController {

	private final OpenApiToolSets toolSets;
	private final CurrentTenant tenant;

	OpenApiToolSetsController(OpenApiToolSets toolSets, CurrentTenant tenant) {
		this.toolSets = toolSets;
		this.tenant = tenant;
	}

	record AuthRequest(@NotNull @Pattern(regexp = "^(bearer|header|query|basic)$") String type,
			@Size(max = 100) @Pattern(regexp = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$") @Nullable String name,
			@NotNull UUID credentialId) {
	}

	record ToolSetRequest(@NotNull @Pattern(regexp = "^[a-z][a-z0-9_]{0,31}$",
			message = "must be 1 to 32 lower case letters, digits or _, starting with a letter") String name,
			@NotNull JsonNode document, @Size(max = 2000) @Nullable String baseUrl, @Valid @Nullable AuthRequest auth,
			@Size(min = 1, max = 64) @Nullable List<@NotNull @Size(max = 200) String> operations) {

		NewToolSet toNewToolSet() {
			return new NewToolSet(name, document, baseUrl,
					auth == null ? null : new Auth(auth.type(), auth.name(), auth.credentialId()), operations);
		}
	}

	record ToolSetView(UUID id, String name, String baseUrl, @Nullable AuthView auth, @Nullable List<String> operations,
			List<ToolSummary> tools, Instant createdAt, Instant updatedAt, @Nullable JsonNode document) {

		static ToolSetView of(ToolSet set, boolean withDocument) {
			return new ToolSetView(set.id(), set.name(), set.baseUrl(),
					set.auth() == null ? null : new AuthView(set.auth().type(), set.auth().name(), set.auth().credentialId()),
					set.operations(), set.tools(), set.createdAt(), set.updatedAt(), withDocument ? set.document() : null);
		}
	}

	record AuthView(String type, @Nullable String name, UUID credentialId) {
	}

	record ToolSetList(List<ToolSetView> items) {
	}

	@PostMapping
	@Requires("tool:write")
	ResponseEntity<ToolSetView> create(@Valid @RequestBody ToolSetRequest request) {
		ToolSet created = toolSets.create(tenant.get(), request.toNewToolSet());
		return ResponseEntity.created(URI.create("/api/v1/tools/openapi/" + created.id())).body(ToolSetView.of(created, false));
	}

	@GetMapping
	@Requires("tool:read")
	ToolSetList list() {
		return new ToolSetList(toolSets.list(tenant.get()).stream().map(set -> ToolSetView.of(set, false)).toList());
	}

	@GetMapping("/{id}")
	@Requires("tool:read")
	ToolSetView get(@PathVariable String id) {
		return toolSets.find(tenant.get(), parse(id)).map(set -> ToolSetView.of(set, true)).orElseThrow(() -> notFound(id));
	}

	@PutMapping("/{id}")
	@Requires("tool:write")
	ToolSetView replace(@PathVariable String id, @Valid @RequestBody ToolSetRequest request) {
		return toolSets.replace(tenant.get(), parse(id), request.toNewToolSet())
			.map(set -> ToolSetView.of(set, false))
			.orElseThrow(() -> notFound(id));
	}

	@DeleteMapping("/{id}")
	@Requires("tool:write")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!toolSets.delete(tenant.get(), parse(id))) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	private static UUID parse(String id) {
		return ResourceIds.uuid(id, "OpenAPI tool set");
	}

	private static RampartException notFound(String id) {
		return ResourceIds.notFound(id, "OpenAPI tool set");
	}
}
