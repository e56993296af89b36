package dev.rampart.identity.web;

import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.internal.Authentication.Tokens;
import dev.rampart.identity.internal.Authentication;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.PublicEndpoint;
import dev.rampart.shared.Unmasked;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth}: sign-in, refresh and sign-out, in the shape of ARCHITECTURE.md §11. Token
 * responses are never cached ({@code Cache-Control: no-store}).
 */
@PublicEndpoint("sign-in, refresh and sign-out are how a client gets a token; switching tenant needs only a valid one")
@Unmasked(categories = { "JWT", "API_KEY" }, reason = "the access and refresh tokens are what the caller signed in for")
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

	private final Authentication authentication;

	AuthController(Authentication authentication) {
		this.authentication = authentication;
	}

	record LoginRequest(@NotBlank @Size(max = 320) String email, @NotNull SecretValue password,
			@Size(max = 200) @Nullable String tenant) {
	}

	record RefreshRequest(@NotNull SecretValue refreshToken) {
	}

	@PostMapping("/login")
	ResponseEntity<Tokens> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		try (SecretValue password = request.password()) {
			return noStore(authentication.login(request.email(), password, request.tenant(), http.getRemoteAddr()));
		}
	}

	@PostMapping("/refresh")
	ResponseEntity<Tokens> refresh(@Valid @RequestBody RefreshRequest request) {
		try (SecretValue token = request.refreshToken()) {
			return noStore(authentication.refresh(token));
		}
	}

	record SwitchTenantRequest(@NotBlank @Size(max = 200) String tenant) {
	}

	/** Authenticated like every other API call: the bearer filter has already verified the access token. */
	@PostMapping("/switch-tenant")
	ResponseEntity<Tokens> switchTenant(@AuthenticationPrincipal RampartPrincipal principal,
			@Valid @RequestBody SwitchTenantRequest request, HttpServletRequest http) {
		return noStore(authentication.switchTenant(principal, request.tenant(), http.getRemoteAddr()));
	}

	@PostMapping("/logout")
	ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
		try (SecretValue token = request.refreshToken()) {
			authentication.logout(token);
		}
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<Tokens> noStore(Tokens tokens) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
	}
}
