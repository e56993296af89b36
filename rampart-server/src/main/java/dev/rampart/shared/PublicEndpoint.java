package dev.rampart.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler that needs no permission (sign-in, the JWKS, endpoints guarded some other way). The
 * reason is mandatory, so the explicit public list explains itself.
 */
@Documented
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PublicEndpoint {

	/** Why no permission is needed. */
	String value();
}
