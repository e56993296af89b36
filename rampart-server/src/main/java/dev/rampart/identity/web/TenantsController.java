package dev.rampart.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.internal.TenantAdministration;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.Requires;
import dev.rampart.shared.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tenants}: every tenant of the installation, for platform admins only
 * ({@code platform:admin}, which no tenant role and no API key holds).
 */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantsController {

	private final TenantAdministration tenants;

	TenantsController(TenantAdministration tenants) {
		this.tenants = tenants;
	}

	record CreateRequest(@NotBlank @Size(max = 63) String name, @NotBlank @Size(max = 320) String ownerEmail,
			@Nullable SecretValue ownerPassword) {
	}

	record CreatedView(TenantId id, String name, Instant createdAt, UUID ownerId, boolean ownerCreated) {
	}

	record TenantView(TenantId id, String name, Instant createdAt, int members) {
	}

	record TenantList(List<TenantView> items) {
	}

	@PostMapping
	@Requires("platform:admin")
	ResponseEntity<CreatedView> create(@AuthenticationPrincipal RampartPrincipal principal,
			@Valid @RequestBody CreateRequest request) {
		try (SecretValue password = request.ownerPassword()) {
			TenantAdministration.Created created = tenants.create(principal, request.name(), request.ownerEmail(), password);
			return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedView(created.id(), created.name(), created.createdAt(), created.ownerId(), created.ownerCreated()));
		}
	}

	@GetMapping
	@Requires("platform:admin")
	TenantList list(@AuthenticationPrincipal RampartPrincipal principal) {
		return new TenantList(tenants.list(principal).stream()
			.map(t -> new TenantView(t.id(), t.name(), t.createdAt(), t.members()))
			.toList());
	}
}
