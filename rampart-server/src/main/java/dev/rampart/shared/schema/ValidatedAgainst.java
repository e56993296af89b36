package dev.rampart.shared.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @RequestBody} whose JSON must satisfy one of the {@link JsonSchemas built-in
 * schemas} before it is bound. The gateway validates the raw document, so every violation is
 * reported by path in one {@code DEFINITION_INVALID} answer, including fields the target type
 * would reject one at a time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ValidatedAgainst {

	/** The schema's name, e.g. {@code agent-definition}. */
	String value();
}
