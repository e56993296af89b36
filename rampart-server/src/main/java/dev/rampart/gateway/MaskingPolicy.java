package dev.rampart.gateway;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The action per category. Categories missing from the map get the default: {@link MaskAction#MASK} for
 * secrets, {@link MaskAction#PARTIAL} for personal data. Per-tenant storage of policies is not built yet.
 */
public record MaskingPolicy(Map<MaskingCategory, MaskAction> actions) {

	private static final MaskingPolicy DEFAULTS = new MaskingPolicy(Map.of());

	public MaskingPolicy {
		EnumMap<MaskingCategory, MaskAction> all = new EnumMap<>(MaskingCategory.class);
		for (MaskingCategory category : MaskingCategory.values()) {
			all.put(category, category.secret() ? MaskAction.MASK : MaskAction.PARTIAL);
		}
		all.putAll(actions);
		actions = Collections.unmodifiableMap(all);
	}

	/** Secrets masked, personal data partially masked. */
	public static MaskingPolicy defaults() {
		return DEFAULTS;
	}

	public MaskAction actionFor(MaskingCategory category) {
		return actions.get(category);
	}

	/** A copy with one category's action changed. */
	public MaskingPolicy with(MaskingCategory category, MaskAction action) {
		EnumMap<MaskingCategory, MaskAction> changed = new EnumMap<>(actions);
		changed.put(category, action);
		return new MaskingPolicy(changed);
	}
}
