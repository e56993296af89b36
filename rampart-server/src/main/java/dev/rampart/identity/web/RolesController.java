package dev.rampart.identity.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.internal.GrantSpec;
import dev.rampart.identity.internal.Grants;
import dev.rampart.identity.internal.RoleAdministration.RoleChanges;
import dev.rampart.identity.internal.RoleAdministration.RoleInfo;
import dev.rampart.identity.internal.RoleAdministration;
import dev.rampart.shared.Requires;
import dev.rampart.shared.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/roles}: the built-in roles and the caller's tenant's custom roles, whose grants may
 * carry conditions ({@code owner}, {@code tags}, {@code network}, {@code allOf}).
 */
@RestController
@RequestMapping("/api/v1/roles")
class RolesController {

	private final RoleAdministration roles;

	RolesController(RoleAdministration roles) {
		this.roles = roles;
	}

	record CreateRequest(@NotBlank @Size(max = 40) String name, @Size(max = 500) @Nullable String description,
			@NotNull List<GrantSpec> grants) {
	}

	record UpdateRequest(@Size(min = 1, max = 40) @Nullable String name, @Size(max = 500) @Nullable String description,
			@Nullable List<GrantSpec> grants) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RoleView(@Nullable UUID id, String name, @Nullable String description, boolean builtIn, List<GrantSpec> grants,
			int members, @Nullable Instant createdAt, @Nullable Instant updatedAt) {

		static RoleView of(RoleInfo r) {
			return new RoleView(r.id(), r.name(), r.description(), r.builtIn(), Grants.describe(r.grants()), r.members(),
					r.createdAt(), r.updatedAt());
		}
	}

	record RoleList(List<RoleView> items) {
	}

	@GetMapping
	@Requires("role:read")
	RoleList list(@AuthenticationPrincipal RampartPrincipal principal) {
		return new RoleList(roles.list(principal).stream().map(RoleView::of).toList());
	}

	@GetMapping("/{id}")
	@Requires("role:read")
	RoleView get(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String id) {
		return roles.find(principal, NotFound.id("role", id)).map(RoleView::of).orElseThrow(() -> NotFound.of("role", id));
	}

	@PostMapping
	@Requires("role:manage")
	ResponseEntity<RoleView> create(@AuthenticationPrincipal RampartPrincipal principal,
			@Valid @RequestBody CreateRequest request) {
		RoleView created = RoleView.of(roles.create(principal, Text.requiredLabel("name", request.name()),
				Text.cleanLabelOrNull(request.description()), request.grants()));
		return ResponseEntity.created(URI.create("/api/v1/roles/" + created.id())).body(created);
	}

	@PatchMapping("/{id}")
	@Requires("role:manage")
	RoleView update(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String id,
			@Valid @RequestBody UpdateRequest request) {
		String name = request.name() == null ? null : Text.requiredLabel("name", request.name());
		return roles.update(principal, NotFound.id("role", id),
				new RoleChanges(name, Text.cleanLabelOrNull(request.description()), request.grants()))
			.map(RoleView::of)
			.orElseThrow(() -> NotFound.of("role", id));
	}

	@DeleteMapping("/{id}")
	@Requires("role:manage")
	ResponseEntity<Void> delete(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String id) {
		if (!roles.delete(principal, NotFound.id("role", id))) {
			throw NotFound.of("role", id);
		}
		return ResponseEntity.noContent().build();
	}
}
