package dev.rampart.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler that any authenticated principal may call, whatever its role: the caller's own account
 * ({@code /users/me}). Like {@link Requires} it needs a token; unlike it, no permission. The reason is
 * mandatory, so the list of such handlers explains itself.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Authenticated {

	/** Why every signed-in caller may use it. */
	String value();

	/**
	 * Whether a user who must change their password may call it before doing so (changing the
	 * password itself, reading the own account). Every other handler answers
	 * {@code PASSWORD_CHANGE_REQUIRED} until the password is changed.
	 */
	boolean beforePasswordChange() default false;
}
