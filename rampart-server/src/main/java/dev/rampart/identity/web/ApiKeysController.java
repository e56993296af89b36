package dev.rampart.identity.web;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import dev.rampart.identity.ApiKeys.ApiKey;
import dev.rampart.identity.ApiKeys;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.internal.ApiKeyAdministration;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Requires;
import dev.rampart.shared.Text;
import dev.rampart.shared.Unmasked;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/api-keys}: the caller's tenant's API keys. The key itself ({@code key}) is in the
 * answer to its creation only (not cached); lists show its public prefix.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeysController {

	private final ApiKeyAdministration keys;

	ApiKeysController(ApiKeyAdministration keys) {
		this.keys = keys;
	}

	/** {@code expiresAt} is read here, so that a malformed time is reported on its field. */
	record CreateRequest(@NotBlank @Size(max = 100) String name, @NotNull List<String> permissions,
			@Size(max = 64) @Nullable String expiresAt) {

		@Nullable
		Instant expiry() {
			if (expiresAt == null) {
				return null;
			}
			try {
				return OffsetDateTime.parse(expiresAt).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw new InvalidFieldsException("expiresAt", "must be an ISO-8601 time with offset, such as 2027-01-31T00:00:00Z");
			}
		}
	}

	record KeyView(UUID id, String prefix, String name, List<String> permissions, @Nullable Instant expiresAt,
			@Nullable Instant lastUsedAt, @Nullable Instant revokedAt, String createdBy, Instant createdAt) {

		static KeyView of(ApiKey k) {
			return new KeyView(k.id(), k.prefix(), k.name(), k.permissions().stream().sorted().toList(), k.expiresAt(),
					k.lastUsedAt(), k.revokedAt(), k.createdBy(), k.createdAt());
		}
	}

	/** The one answer that shows the key. */
	record CreatedView(UUID id, String prefix, String name, List<String> permissions, @Nullable Instant expiresAt,
			String createdBy, Instant createdAt, String key) {

		@Override
		public String toString() {
			return "CreatedView[id=" + id + ", prefix=" + prefix + ", key=[redacted]]";
		}
	}

	record KeyList(List<KeyView> items) {
	}

	@PostMapping
	@Requires("api-key:manage")
	@Unmasked(categories = "API_KEY", reason = "the new key is shown once, to its creator, and never again")
	ResponseEntity<CreatedView> create(@AuthenticationPrincipal RampartPrincipal principal,
			@Valid @RequestBody CreateRequest request) {
		ApiKeys.Created created = keys.create(principal, Text.requiredLabel("name", request.name()), request.permissions(),
				request.expiry());
		try (SecretValue secret = created.secret()) {
			KeyView k = KeyView.of(created.key());
			return ResponseEntity.created(URI.create("/api/v1/api-keys/" + k.id()))
				.cacheControl(CacheControl.noStore())
				.body(new CreatedView(k.id(), k.prefix(), k.name(), k.permissions(), k.expiresAt(), k.createdBy(), k.createdAt(),
						secret.reveal()));
		}
	}

	@GetMapping
	@Requires("api-key:read")
	KeyList list(@AuthenticationPrincipal RampartPrincipal principal) {
		return new KeyList(keys.list(principal).stream().map(KeyView::of).toList());
	}

	@GetMapping("/{id}")
	@Requires("api-key:read")
	KeyView get(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String id) {
		return keys.find(principal, NotFound.id("API key", id)).map(KeyView::of).orElseThrow(() -> NotFound.of("API key", id));
	}

	@DeleteMapping("/{id}")
	@Requires("api-key:manage")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String id) {
		if (!keys.revoke(principal, NotFound.id("API key", id))) {
			throw NotFound.of("API key", id);
		}
		return ResponseEntity.noContent().build();
	}
}
