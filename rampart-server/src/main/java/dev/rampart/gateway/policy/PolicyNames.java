package dev.rampart.gateway.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.rampart.gateway.MaskAction;
import dev.rampart.gateway.MaskingCategory;
import dev.rampart.providers.spi.ScreeningAction;

/**
 * Names of categories and actions as clients write them: the enum name in any case, with {@code -} for
 * {@code _} ({@code api-key} and {@code API_KEY} are the same category).
 */
public final class PolicyNames {

	public static final List<String> CATEGORIES = Arrays.stream(MaskingCategory.values()).map(Enum::name).toList();
	public static final List<String> ACTIONS = Arrays.stream(MaskAction.values()).map(Enum::name).toList();
	public static final List<String> SCREENING = Arrays.stream(ScreeningAction.values()).map(Enum::name).toList();

	private PolicyNames() {
	}

	public static Optional<MaskingCategory> category(String name) {
		return find(MaskingCategory.class, name);
	}

	public static Optional<MaskAction> action(String name) {
		return find(MaskAction.class, name);
	}

	public static Optional<ScreeningAction> screening(String name) {
		return find(ScreeningAction.class, name);
	}

	private static <E extends Enum<E>> Optional<E> find(Class<E> type, String name) {
		String normalized = name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
		return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(normalized)).findFirst();
	}
}
