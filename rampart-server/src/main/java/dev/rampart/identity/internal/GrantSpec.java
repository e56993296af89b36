package dev.rampart.identity.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A grant as JSON, in requests, responses and the {@code custom_roles.grants} column:
 * {@code {"permission":"agent:execute","condition":{...}}}, without {@code condition} when it always
 * applies. {@link Grants} turns it into a {@link dev.rampart.identity.Grant} and back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantSpec(@Nullable String permission, @Nullable ConditionSpec condition) {

	/**
	 * One condition: {@code {"type":"owner"}}, {@code {"type":"tags","tags":{"env":"staging"}}},
	 * {@code {"type":"network","cidrs":["10.0.0.0/8"]}} or {@code {"type":"allOf","conditions":[...]}}.
	 * Only the field of its type may be present.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ConditionSpec(@Nullable String type, @Nullable Map<String, String> tags, @Nullable List<String> cidrs,
			@Nullable List<ConditionSpec> conditions) {
	}
}
