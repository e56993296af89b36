package dev.rampart.secrets.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.rampart.secrets.Credential;
import dev.rampart.secrets.CredentialCheck;
import dev.rampart.secrets.Credentials.CredentialChanges;
import dev.rampart.secrets.Credentials.NewCredential;
import dev.rampart.secrets.Credentials;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.ResourceIds;
import dev.rampart.shared.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/credentials}: provider credentials whose secret is write-only. No response carries
 * the secret; {@code secretHint} shows at most its last four characters.
 */
@RestController
@RequestMapping("/api/v1/credentials")
class CredentialsController {

	static final int MAX_SECRET_BYTES = 8192;
	private static final String NAME = "^[^\\p{Cntrl}]*$";

	private final Credentials credentials;
	private final CurrentTenant tenant;

	CredentialsController(Credentials credentials, CurrentTenant tenant) {
		this.credentials = credentials;
		this.tenant = tenant;
	}

	record CreateRequest(@NotBlank @Size(max = 100) @Pattern(regexp = NAME) String name,
			@NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{0,62}$", message = "must be a provider id such as openai or sim") String provider,
			@Size(max = 500) @Nullable String description, @NotNull SecretValue secret) {
	}

	record UpdateRequest(@Size(min = 1, max = 100) @Pattern(regexp = NAME) @Nullable String name,
			@Size(max = 500) @Nullable String description, @Nullable SecretValue secret) {
	}

	record CredentialView(UUID id, String name, String provider, @Nullable String description, String secretHint,
			Instant createdAt, Instant updatedAt, @Nullable Instant lastTestedAt, @Nullable String lastTestStatus) {

		static CredentialView of(Credential c) {
			return new CredentialView(c.id(), c.name(), c.provider(), c.description(), c.secretHint(), c.createdAt(),
					c.updatedAt(), c.lastTestedAt(), c.lastTestStatus() == null ? null : lower(c.lastTestStatus()));
		}
	}

	record CredentialList(List<CredentialView> items) {
	}

	record CheckView(String status, String message, Instant checkedAt) {
	}

	@PostMapping
	@Requires("credential:write")
	ResponseEntity<CredentialView> create(@Valid @RequestBody CreateRequest request) {
		try (SecretValue secret = request.secret()) {
			checkSecret(secret);
			Credential created = credentials.create(tenant.get(),
					new NewCredential(Text.requiredLabel("name", request.name()), request.provider(),
							Text.cleanLabelOrNull(request.description()), secret));
			return ResponseEntity.created(URI.create("/api/v1/credentials/" + created.id())).body(CredentialView.of(created));
		}
	}

	@GetMapping
	@Requires("credential:read")
	CredentialList list() {
		return new CredentialList(credentials.list(tenant.get()).stream().map(CredentialView::of).toList());
	}

	@GetMapping("/{id}")
	@Requires("credential:read")
	CredentialView get(@PathVariable String id) {
		return credentials.find(tenant.get(), parse(id)).map(CredentialView::of).orElseThrow(() -> notFound(id));
	}

	@PatchMapping("/{id}")
	@Requires("credential:write")
	CredentialView update(@PathVariable String id, @Valid @RequestBody UpdateRequest request) {
		SecretValue secret = request.secret();
		try {
			if (secret != null) {
				checkSecret(secret);
			}
			String name = request.name() == null ? null : Text.requiredLabel("name", request.name());
			return credentials.update(tenant.get(), parse(id),
					new CredentialChanges(name, Text.cleanLabelOrNull(request.description()), secret))
				.map(CredentialView::of)
				.orElseThrow(() -> notFound(id));
		}
		finally {
			if (secret != null) {
				secret.close();
			}
		}
	}

	@DeleteMapping("/{id}")
	@Requires("credential:write")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!credentials.delete(tenant.get(), parse(id))) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/test")
	@Requires("credential:use")
	CheckView test(@PathVariable String id) {
		CredentialCheck check = credentials.test(tenant.get(), parse(id)).orElseThrow(() -> notFound(id));
		return new CheckView(lower(check.status()), check.message(), check.checkedAt());
	}

	private static void checkSecret(SecretValue secret) {
		if (secret.isBlank()) {
			throw new InvalidFieldsException("secret", "must not be blank");
		}
		if (secret.length() > MAX_SECRET_BYTES) {
			throw new InvalidFieldsException("secret", "must be at most " + MAX_SECRET_BYTES + " bytes");
		}
	}

	private static UUID parse(String id) {
		return ResourceIds.uuid(id, "credential");
	}

	private static RampartException notFound(String id) {
		return ResourceIds.notFound(id, "credential");
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}
}
