package dev.rampart.tools.web;

import java.util.List;

import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.Requires;
import dev.rampart.tools.EgressAllowlists;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tools/egress}: the tenant's own egress allowlist for tools, added to the node's (docs/tools-egress.md,
 * "Per-tenant allowlists"). Each entry is checked by {@link EgressAllowlists#replace}, which names a bad one by index.
 */
@RestController
@RequestMapping("/api/v1/tools/egress")
class EgressController {

	private final EgressAllowlists allowlists;
	private final CurrentTenant tenant;

	EgressController(EgressAllowlists allowlists, CurrentTenant tenant) {
		this.allowlists = allowlists;
		this.tenant = tenant;
	}

	/** The tenant's entries: {@code host}, {@code *.domain} or {@code host:port}. */
	record Allowlist(@NotNull @Size(max = 100) List<@NotNull @Size(max = 300) String> allowedHosts) {
	}

	@GetMapping
	@Requires("tool:read")
	Allowlist get() {
		return new Allowlist(allowlists.entries(tenant.get()));
	}

	@PutMapping
	@Requires("tool:write")
	Allowlist replace(@Valid @RequestBody Allowlist request) {
		return new Allowlist(allowlists.replace(tenant.get(), request.allowedHosts()));
	}
}
