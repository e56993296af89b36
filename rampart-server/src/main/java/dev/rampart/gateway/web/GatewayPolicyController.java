package dev.rampart.gateway.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rampart.gateway.GatewayPolicies;
import dev.rampart.gateway.GatewayPolicy;
import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.gateway.policy.PolicyNames;
import dev.rampart.providers.spi.ScreeningAction;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.Requires;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/gateway-policy}: the caller's tenant's masking actions per category, whether prompts are
 * masked, and the default prompt-injection screening action. {@code PUT} replaces the whole policy.
 */
@RestController
@RequestMapping("/api/v1/gateway-policy")
class GatewayPolicyController {

	private final GatewayPolicies policies;
	private final CurrentTenant tenant;

	GatewayPolicyController(GatewayPolicies policies, CurrentTenant tenant) {
		this.policies = policies;
		this.tenant = tenant;
	}

	/** Names are checked by hand, so every invalid one is reported at once with the allowed names. */
	record PolicyRequest(@Size(max = 32) @Nullable Map<String, String> masking, @Nullable Boolean maskPrompts,
			@Nullable String screening) {
	}

	record PolicyView(Map<String, String> masking, List<String> customized, boolean maskPrompts, String screening,
			@Nullable Instant updatedAt, @Nullable String updatedBy) {

		static PolicyView of(GatewayPolicy policy) {
			Map<String, String> masking = new LinkedHashMap<>();
			policy.masking().actions().forEach((category, action) -> masking.put(category.name(), action.name()));
			List<String> customized = policy.explicit().keySet().stream().sorted().map(Enum::name).toList();
			return new PolicyView(masking, customized, policy.maskPrompts(), policy.screening().name(), policy.updatedAt(),
					policy.updatedBy());
		}
	}

	@GetMapping
	@Requires("policy:read")
	PolicyView get() {
		return PolicyView.of(policies.of(tenant.get()));
	}

	@PutMapping
	@Requires("policy:write")
	PolicyView replace(@Valid @RequestBody PolicyRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		Map<MaskingCategory, MaskAction> masking = new EnumMap<>(MaskingCategory.class);
		if (request.masking() != null) {
			request.masking().forEach((categoryName, actionName) -> {
				Optional<MaskingCategory> category = PolicyNames.category(categoryName);
				Optional<MaskAction> action = PolicyNames.action(actionName == null ? "" : actionName);
				if (category.isEmpty()) {
					errors.add(new FieldProblem("masking." + echo(categoryName),
							"is not a masking category; allowed: " + String.join(", ", PolicyNames.CATEGORIES)));
				}
				if (action.isEmpty()) {
					errors.add(new FieldProblem("masking." + echo(categoryName),
							"'" + echo(String.valueOf(actionName)) + "' is not a masking action; allowed: " + String.join(", ", PolicyNames.ACTIONS)));
				}
				if (category.isPresent() && action.isPresent()) {
					masking.put(category.get(), action.get());
				}
			});
		}
		Optional<ScreeningAction> screening = request.screening() == null ? Optional.of(ScreeningAction.FLAG)
				: PolicyNames.screening(request.screening());
		if (screening.isEmpty()) {
			errors.add(new FieldProblem("screening",
					"'" + echo(request.screening()) + "' is not a screening action; allowed: " + String.join(", ", PolicyNames.SCREENING)));
		}
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
		return PolicyView.of(policies.replace(tenant.get(), masking, Boolean.TRUE.equals(request.maskPrompts()),
				screening.orElseThrow()));
	}

	/** Client text echoed in an error: printable and bounded (the answer is masked as well). */
	private static String echo(String text) {
		String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
		return printable.length() > 120 ? printable.substring(0, 120) + "..." : printable;
	}
}
