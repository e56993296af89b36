package dev.rampart.providers.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.rampart.providers.ModelBudgets;
import dev.rampart.providers.ModelBudgets.Budget;
import dev.rampart.providers.ModelBudgets.Period;
import dev.rampart.providers.ModelBudgets.Scope;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.Requires;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/budgets}: the caller's tenant's token and cost budgets for model calls, per UTC day or month,
 * for the whole tenant or one agent. {@code PUT} replaces the whole list; an empty list removes every budget.
 */
@RestController
@RequestMapping("/api/v1/budgets")
class BudgetsController {

	static final int MAX_BUDGETS = 200;
	static final int MAX_AGENT_ID = 200;

	private final ModelBudgets budgets;
	private final CurrentTenant tenant;

	BudgetsController(ModelBudgets budgets, CurrentTenant tenant) {
		this.budgets = budgets;
		this.tenant = tenant;
	}

	/** Fields are checked by hand, so every invalid one is reported at once. */
	record BudgetsRequest(@NotNull @Size(max = MAX_BUDGETS) List<@Valid @NotNull BudgetItem> budgets) {
	}

	/**
	 * @param scope {@code tenant} or {@code agent}
	 * @param period {@code day} or {@code month} (UTC)
	 * @param maxCostUsd US dollars, at most six decimals
	 */
	record BudgetItem(@Nullable String scope, @Nullable String agentId, @Nullable String period, @Nullable Long maxTokens,
			@Nullable BigDecimal maxCostUsd) {
	}

	record BudgetView(String scope, @Nullable String agentId, String period, @Nullable Long maxTokens,
			@Nullable String maxCostUsd) {

		static BudgetView of(Budget budget) {
			return new BudgetView(budget.scope().name().toLowerCase(Locale.ROOT), budget.agentId(),
					budget.period().name().toLowerCase(Locale.ROOT), budget.maxTokens(),
					budget.maxCostMicros() == null ? null : UsageController.usd(budget.maxCostMicros()));
		}
	}

	record BudgetsView(List<BudgetView> budgets) {

		static BudgetsView of(List<Budget> budgets) {
			return new BudgetsView(budgets.stream().map(BudgetView::of).toList());
		}
	}

	@GetMapping
	@Requires("usage:read")
	BudgetsView list() {
		return BudgetsView.of(budgets.of(tenant.get()));
	}

	@PutMapping
	@Requires("budget:write")
	BudgetsView replace(@Valid @RequestBody BudgetsRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		List<Budget> parsed = new ArrayList<>();
		Set<String> targets = new HashSet<>();
		for (int i = 0; i < request.budgets().size(); i++) {
			BudgetItem item = request.budgets().get(i);
			String at = "budgets[" + i + "].";
			int before = errors.size();
			Scope scope = parse(Scope.class, item.scope(), at + "scope", "tenant, agent", errors);
			Period period = parse(Period.class, item.period(), at + "period", "day, month", errors);
			if (scope == Scope.AGENT && (item.agentId() == null || item.agentId().isBlank())) {
				errors.add(new FieldProblem(at + "agentId", "is required for scope agent"));
			}
			else if (scope == Scope.AGENT && item.agentId().length() > MAX_AGENT_ID) {
				errors.add(new FieldProblem(at + "agentId", "must be at most " + MAX_AGENT_ID + " characters"));
			}
			if (scope == Scope.TENANT && item.agentId() != null) {
				errors.add(new FieldProblem(at + "agentId", "must be absent for scope tenant"));
			}
			if (item.maxTokens() == null && item.maxCostUsd() == null) {
				errors.add(new FieldProblem(at + "maxTokens", "set maxTokens, maxCostUsd or both"));
			}
			if (item.maxTokens() != null && item.maxTokens() < 0) {
				errors.add(new FieldProblem(at + "maxTokens", "must be 0 or more"));
			}
			Long costMicros = null;
			if (item.maxCostUsd() != null) {
				BigDecimal usd = item.maxCostUsd();
				if (usd.signum() < 0) {
					errors.add(new FieldProblem(at + "maxCostUsd", "must be 0 or more"));
				}
				else if (usd.stripTrailingZeros().scale() > 6) {
					errors.add(new FieldProblem(at + "maxCostUsd", "must have at most 6 decimals (micro-dollars)"));
				}
				else if (usd.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
					errors.add(new FieldProblem(at + "maxCostUsd", "must be at most 1000000000"));
				}
				else {
					costMicros = usd.movePointRight(6).longValueExact();
				}
			}
			if (errors.size() == before) {
				String target = scope + "/" + (scope == Scope.AGENT ? item.agentId() : "") + "/" + period;
				if (!targets.add(target)) {
					errors.add(new FieldProblem(at + "period", "another budget already has this scope"
							+ (scope == Scope.AGENT ? ", agent" : "") + " and period"));
				}
				else {
					parsed.add(new Budget(scope, scope == Scope.AGENT ? item.agentId() : null, period, item.maxTokens(), costMicros));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
		return BudgetsView.of(budgets.replace(tenant.get(), parsed));
	}

	private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String text, String field, String allowed,
			List<FieldProblem> errors) {
		if (text == null) {
			errors.add(new FieldProblem(field, "is required; one of " + allowed));
			return null;
		}
		try {
			return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldProblem(field, "must be one of " + allowed));
			return null;
		}
	}
}
