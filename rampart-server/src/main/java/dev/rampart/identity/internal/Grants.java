package dev.rampart.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.rampart.identity.Condition;
import dev.rampart.identity.Grant;
import dev.rampart.identity.Permission;
import dev.rampart.identity.internal.GrantSpec.ConditionSpec;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts grants between their JSON form ({@link GrantSpec}) and {@link Grant}, checking every rule
 * a tenant's grant must meet, and reporting every broken one with its path
 * ({@code grants[1].condition.cidrs}).
 */
public final class Grants {

	static final int MAX_GRANTS = 100;
	private static final int MAX_TAGS = 10;
	private static final int MAX_CIDRS = 20;
	private static final int MAX_CONDITIONS = 10;
	private static final int MAX_DEPTH = 4;
	private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,63}");
	private static final Pattern TAG_VALUE = Pattern.compile("[^\\p{Cntrl}]{1,200}");
	private static final List<String> TYPES = List.of("owner", "tags", "network", "allOf");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Grants() {
	}

	/**
	 * The grants of a custom role: 1 to {@value #MAX_GRANTS}, each a {@link Permission#grantable
	 * grantable} permission with an optional condition.
	 *
	 * @throws InvalidFieldsException naming every problem under {@code field}
	 */
	public static List<Grant> parse(@Nullable List<GrantSpec> specs, String field) {
		List<FieldProblem> problems = new ArrayList<>();
		if (specs == null || specs.isEmpty() || specs.size() > MAX_GRANTS) {
			throw new InvalidFieldsException(field, "must list 1 to " + MAX_GRANTS + " grants");
		}
		List<Grant> grants = new ArrayList<>();
		for (int i = 0; i < specs.size(); i++) {
			String path = field + "[" + i + "]";
			GrantSpec spec = specs.get(i);
			if (spec == null) {
				problems.add(new FieldProblem(path, "must be an object with a permission"));
				continue;
			}
			Permission permission = permission(spec.permission(), path + ".permission", problems);
			Condition condition = spec.condition() == null ? Condition.ALWAYS
					: condition(spec.condition(), path + ".condition", 1, problems);
			if (permission != null && condition != null) {
				grants.add(new Grant(permission, condition));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		return List.copyOf(grants);
	}

	/**
	 * The permissions of an API key: each {@link Permission#grantable grantable} on a named resource
	 * ({@code agent:*}, not {@code *:read}); conditions are not possible.
	 */
	public static List<Grant> permissions(@Nullable List<String> permissions, String field) {
		List<FieldProblem> problems = new ArrayList<>();
		if (permissions == null || permissions.isEmpty() || permissions.size() > MAX_GRANTS) {
			throw new InvalidFieldsException(field, "must list 1 to " + MAX_GRANTS + " permissions");
		}
		List<Grant> grants = new ArrayList<>();
		for (int i = 0; i < permissions.size(); i++) {
			Permission permission = permission(permissions.get(i), field + "[" + i + "]", problems);
			if (permission != null && permission.resource().equals("*")) {
				problems.add(new FieldProblem(field + "[" + i + "]", "an API key names each resource it may use; '*' is not a resource here"));
			}
			else if (permission != null) {
				grants.add(new Grant(permission, Condition.ALWAYS));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		return grants.stream().distinct().toList();
	}

	public static List<GrantSpec> describe(List<Grant> grants) {
		return grants.stream().map(g -> new GrantSpec(g.permission().toString(), spec(g.condition()))).toList();
	}

	/** Grants for a message: {@code agent:read, credential:use (with a condition)}. */
	static String summary(List<Grant> grants) {
		return grants.stream()
			.map(g -> g.permission() + (g.condition() instanceof Condition.Always ? "" : " (with a condition)"))
			.distinct()
			.collect(Collectors.joining(", "));
	}

	static String toJson(List<Grant> grants) {
		return JSON.writeValueAsString(describe(grants));
	}

	/** Grants as stored; they were checked when written. */
	static List<Grant> fromJson(String json) {
		return parse(JSON.readValue(json, new TypeReference<List<GrantSpec>>() {
		}), "grants");
	}

	private static @Nullable Permission permission(@Nullable String text, String path, List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			problems.add(new FieldProblem(path, "must be a permission such as agent:read"));
			return null;
		}
		try {
			return Permission.grantable(text);
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(path, ex.getMessage()));
			return null;
		}
	}

	private static @Nullable Condition condition(ConditionSpec spec, String path, int depth, List<FieldProblem> problems) {
		if (depth > MAX_DEPTH) {
			problems.add(new FieldProblem(path, "conditions nest at most " + MAX_DEPTH + " deep"));
			return null;
		}
		String type = spec.type() == null ? "" : spec.type();
		String only = switch (type) {
			case "owner" -> "";
			case "tags" -> "tags";
			case "network" -> "cidrs";
			case "allOf" -> "conditions";
			default -> null;
		};
		if (only == null) {
			problems.add(new FieldProblem(path + ".type", "must be one of " + String.join(", ", TYPES)));
			return null;
		}
		List<String> present = new ArrayList<>();
		if (spec.tags() != null) {
			present.add("tags");
		}
		if (spec.cidrs() != null) {
			present.add("cidrs");
		}
		if (spec.conditions() != null) {
			present.add("conditions");
		}
		present.remove(only);
		if (!present.isEmpty()) {
			problems.add(new FieldProblem(path, "a condition of type " + type + " has no field " + String.join(", ", present)));
			return null;
		}
		return switch (type) {
			case "owner" -> new Condition.OwnResources();
			case "tags" -> tags(spec.tags(), path + ".tags", problems);
			case "network" -> network(spec.cidrs(), path + ".cidrs", problems);
			default -> allOf(spec.conditions(), path + ".conditions", depth, problems);
		};
	}

	private static @Nullable Condition tags(@Nullable Map<String, String> tags, String path, List<FieldProblem> problems) {
		if (tags == null || tags.isEmpty() || tags.size() > MAX_TAGS) {
			problems.add(new FieldProblem(path, "must hold 1 to " + MAX_TAGS + " tags"));
			return null;
		}
		boolean valid = tags.entrySet().stream().allMatch(tag -> TAG_KEY.matcher(tag.getKey()).matches()
				&& tag.getValue() != null && TAG_VALUE.matcher(tag.getValue()).matches());
		if (!valid) {
			problems.add(new FieldProblem(path,
					"tag names are 1 to 63 letters, digits, '.', '_' or '-'; values 1 to 200 characters without control characters"));
			return null;
		}
		return new Condition.Tagged(tags);
	}

	private static @Nullable Condition network(@Nullable List<String> cidrs, String path, List<FieldProblem> problems) {
		if (cidrs == null || cidrs.isEmpty() || cidrs.size() > MAX_CIDRS) {
			problems.add(new FieldProblem(path, "must list 1 to " + MAX_CIDRS + " networks such as 10.0.0.0/8"));
			return null;
		}
		int before = problems.size();
		for (int i = 0; i < cidrs.size(); i++) {
			try {
				new Condition.FromNetwork(Objects.requireNonNullElse(cidrs.get(i), ""));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem(path + "[" + i + "]", ex.getMessage()));
			}
		}
		return problems.size() > before ? null : new Condition.FromNetwork(cidrs);
	}

	private static @Nullable Condition allOf(@Nullable List<ConditionSpec> specs, String path, int depth,
			List<FieldProblem> problems) {
		if (specs == null || specs.isEmpty() || specs.size() > MAX_CONDITIONS) {
			problems.add(new FieldProblem(path, "must list 1 to " + MAX_CONDITIONS + " conditions"));
			return null;
		}
		List<Condition> conditions = new ArrayList<>();
		for (int i = 0; i < specs.size(); i++) {
			ConditionSpec spec = specs.get(i);
			Condition condition = spec == null ? null : condition(spec, path + "[" + i + "]", depth + 1, problems);
			if (spec == null) {
				problems.add(new FieldProblem(path + "[" + i + "]", "must be a condition"));
			}
			if (condition != null) {
				conditions.add(condition);
			}
		}
		return conditions.size() == specs.size() ? new Condition.AllOf(conditions) : null;
	}

	private static @Nullable ConditionSpec spec(Condition condition) {
		return switch (condition) {
			case Condition.Always always -> null;
			case Condition.OwnResources owner -> new ConditionSpec("owner", null, null, null);
			case Condition.Tagged tagged -> new ConditionSpec("tags", new TreeMap<>(tagged.tags()), null, null);
			case Condition.FromNetwork network -> new ConditionSpec("network", null, network.cidrs(), null);
			case Condition.AllOf allOf -> new ConditionSpec("allOf", null, null,
					allOf.conditions().stream().map(Grants::spec).toList());
		};
	}
}
