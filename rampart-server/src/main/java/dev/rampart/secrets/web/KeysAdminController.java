package dev.rampart.secrets.web;

import java.util.UUID;

import dev.rampart.secrets.KeyAdministration.Overview;
import dev.rampart.secrets.KeyAdministration.RewrapJob;
import dev.rampart.secrets.KeyAdministration.Rotation;
import dev.rampart.secrets.KeyAdministration;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.Requires;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/keys}: KEK status, rotation, the rewrap job and retirement of old versions.
 * Needs a platform admin ({@code platform:admin}) calling from the loopback interface, which is where
 * {@code ./rampart keys} calls it from (ADR 0008).
 */
@RestController
@RequestMapping("/api/v1/admin/keys")
class KeysAdminController {

	/** Held by platform admins only; tenant roles and API keys never have it. */
	private static final String PLATFORM_ADMIN = "platform:admin";

	private final KeyAdministration keys;

	KeysAdminController(KeyAdministration keys) {
		this.keys = keys;
	}

	record RetireRequest(@NotNull @Min(1) Integer version, @Nullable Boolean force) {
	}

	@GetMapping
	@Requires(PLATFORM_ADMIN)
	Overview overview(HttpServletRequest request) {
		requireLoopback(request);
		return keys.overview();
	}

	@PostMapping("/rotate")
	@Requires(PLATFORM_ADMIN)
	Rotation rotate(HttpServletRequest request) {
		requireLoopback(request);
		return keys.rotate();
	}

	@PostMapping("/rewrap")
	@Requires(PLATFORM_ADMIN)
	ResponseEntity<RewrapJob> rewrap(HttpServletRequest request) {
		requireLoopback(request);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(keys.startRewrap());
	}

	@GetMapping("/jobs/{id}")
	@Requires(PLATFORM_ADMIN)
	RewrapJob job(@PathVariable String id, HttpServletRequest request) {
		requireLoopback(request);
		RampartException notFound = new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "No key job with this id.");
		try {
			return keys.job(UUID.fromString(id)).orElseThrow(() -> notFound);
		}
		catch (IllegalArgumentException ex) {
			throw notFound;
		}
	}

	@PutMapping("/min-decryption-version")
	@Requires(PLATFORM_ADMIN)
	Overview retire(@Valid @RequestBody RetireRequest body, HttpServletRequest request) {
		requireLoopback(request);
		return keys.retire(body.version(), Boolean.TRUE.equals(body.force()));
	}

	static void requireLoopback(HttpServletRequest request) {
		String address = request.getRemoteAddr();
		boolean loopback = address != null && (address.startsWith("127.") || address.equals("::1")
				|| address.equals("0:0:0:0:0:0:0:1"));
		if (!loopback || request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null) {
			throw new RampartException(ErrorCode.ADMIN_LOOPBACK_ONLY, "Key administration was called from a non-loopback address.");
		}
	}
}
