package dev.rampart.identity.web;

import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.internal.Accounts;
import dev.rampart.identity.internal.Authentication.Tokens;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.Authenticated;
import dev.rampart.shared.Unmasked;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users/me}: the signed-in user's own account, whatever their role. Reachable before a
 * required password change, which is how that change is made.
 */
@RestController
@RequestMapping("/api/v1/users/me")
class UsersMeController {

	private static final String OWN_ACCOUNT = "every user may read and secure their own account";

	private final Accounts accounts;

	UsersMeController(Accounts accounts) {
		this.accounts = accounts;
	}

	record PasswordChange(@NotNull SecretValue currentPassword, @NotNull SecretValue newPassword) {
	}

	@GetMapping
	@Authenticated(value = OWN_ACCOUNT, beforePasswordChange = true)
	@Unmasked(categories = "EMAIL", reason = "the caller's own e-mail address")
	Accounts.Me me(@AuthenticationPrincipal RampartPrincipal principal) {
		return accounts.me(principal);
	}

	/** Answers with a new session (the shape of a sign-in): every earlier session of the user has ended. */
	@PostMapping("/password")
	@Authenticated(value = OWN_ACCOUNT, beforePasswordChange = true)
	@Unmasked(categories = { "JWT", "API_KEY" }, reason = "the new session's tokens, as after a sign-in")
	ResponseEntity<Tokens> changePassword(@AuthenticationPrincipal RampartPrincipal principal,
			@Valid @RequestBody PasswordChange request, HttpServletRequest http) {
		try (SecretValue current = request.currentPassword(); SecretValue next = request.newPassword()) {
			Tokens tokens = accounts.changePassword(principal, current, next, http.getRemoteAddr());
			return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
		}
	}

	@PostMapping("/logout-everywhere")
	@Authenticated(value = OWN_ACCOUNT, beforePasswordChange = true)
	ResponseEntity<Void> logoutEverywhere(@AuthenticationPrincipal RampartPrincipal principal) {
		accounts.logoutEverywhere(principal);
		return ResponseEntity.noContent().build();
	}
}
