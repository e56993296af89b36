package dev.rampart.identity.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rampart.identity.RampartPrincipal;
import dev.rampart.identity.internal.Members.Member;
import dev.rampart.identity.internal.Members;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.Requires;
import dev.rampart.shared.Text;
import dev.rampart.shared.Unmasked;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
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
 * {@code /api/v1/members}: the users of the caller's tenant and their roles, addressed by user id.
 * Responses carry e-mail and name, never anything about passwords.
 */
@RestController
@RequestMapping("/api/v1/members")
class MembersController {

	private static final String NO_CONTROL = "^[^\\p{Cntrl}]*$";

	private final Members members;

	MembersController(Members members) {
		this.members = members;
	}

	record AddRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 40) String role,
			@Size(max = 200) @Pattern(regexp = NO_CONTROL) @Nullable String name, @Nullable SecretValue password) {
	}

	record ChangeRequest(@NotBlank @Size(max = 40) String role) {
	}

	record MemberView(UUID userId, String email, @Nullable String name, String role, Instant joinedAt) {

		static MemberView of(Member m) {
			return new MemberView(m.userId(), m.email(), m.name(), m.role(), m.joinedAt());
		}
	}

	record AddedView(UUID userId, String email, @Nullable String name, String role, Instant joinedAt, boolean userCreated) {
	}

	record MemberList(List<MemberView> items) {
	}

	@GetMapping
	@Requires("member:read")
	@Unmasked(categories = "EMAIL", reason = "members' e-mail addresses are how holders of member:read tell members apart")
	MemberList list(@AuthenticationPrincipal RampartPrincipal principal) {
		return new MemberList(members.list(principal).stream().map(MemberView::of).toList());
	}

	@GetMapping("/{userId}")
	@Requires("member:read")
	@Unmasked(categories = "EMAIL", reason = "members' e-mail addresses are how holders of member:read tell members apart")
	MemberView get(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String userId) {
		return members.find(principal, NotFound.id("member", userId)).map(MemberView::of)
			.orElseThrow(() -> NotFound.of("member", userId));
	}

	@PostMapping
	@Requires("member:manage")
	@Unmasked(categories = "EMAIL", reason = "members' e-mail addresses are how holders of member:read tell members apart")
	ResponseEntity<AddedView> add(@AuthenticationPrincipal RampartPrincipal principal, @Valid @RequestBody AddRequest request) {
		try (SecretValue password = request.password()) {
			String cleaned = request.name() == null ? "" : Text.cleanLabel(request.name());
			String name = cleaned.isEmpty() ? null : cleaned;
			Members.Added added = members.add(principal, request.email(), name, request.role(), password);
			Member m = added.member();
			return ResponseEntity.created(URI.create("/api/v1/members/" + m.userId()))
				.body(new AddedView(m.userId(), m.email(), m.name(), m.role(), m.joinedAt(), added.userCreated()));
		}
	}

	@PatchMapping("/{userId}")
	@Requires("member:manage")
	@Unmasked(categories = "EMAIL", reason = "members' e-mail addresses are how holders of member:read tell members apart")
	MemberView changeRole(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String userId,
			@Valid @RequestBody ChangeRequest request) {
		return members.changeRole(principal, NotFound.id("member", userId), request.role()).map(MemberView::of)
			.orElseThrow(() -> NotFound.of("member", userId));
	}

	@DeleteMapping("/{userId}")
	@Requires("member:manage")
	ResponseEntity<Void> remove(@AuthenticationPrincipal RampartPrincipal principal, @PathVariable String userId) {
		if (!members.remove(principal, NotFound.id("member", userId))) {
			throw NotFound.of("member", userId);
		}
		return ResponseEntity.noContent().build();
	}
}
