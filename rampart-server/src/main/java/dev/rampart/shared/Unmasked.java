package dev.rampart.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler whose JSON answer legitimately carries secrets or personal data its caller is entitled to see
 * (a token it just signed in for, an API key shown once, a member's e-mail address), so the gateway's
 * response masking leaves those categories alone. Every other {@code /api/v1} answer, and every error
 * answer, is masked by the tenant's policy. The reason is mandatory, so the list of opt-outs explains itself.
 */
@Documented
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Unmasked {

	/** Masking categories left alone, by name ({@code EMAIL}, {@code API_KEY}, {@code JWT} ...); empty = all. */
	String[] categories() default {};

	/** Why the caller may see these values. */
	String reason();
}
