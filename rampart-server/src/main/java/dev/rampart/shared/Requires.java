package dev.rampart.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a controller method needs, as {@code resource:action} (e.g. {@code credential:read}).
 * Every handler carries this, {@link Authenticated} or {@link PublicEndpoint}; a test fails the build otherwise, and the
 * identity module refuses a request whose principal lacks the permission (403).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {

	String value();

	/**
	 * The decision depends on the resource (its owner, its tags): the endpoint check only asks whether
	 * the principal could do this to some resource, and the handler's service must decide for the
	 * resource it loaded through the identity module's {@code ResourceAccess}.
	 */
	boolean perResource() default false;
}
