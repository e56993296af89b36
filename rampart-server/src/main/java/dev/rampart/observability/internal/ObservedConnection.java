package dev.rampart.observability.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

/**
 * A pooled connection as {@link DatabaseSpans} hands it out: every call goes to the pool's connection; the statements it
 * creates while an observation is current come back observed. {@code unwrap} and {@code isWrapperFor} reach the
 * driver's connection (such as {@code PGConnection}) through the pool's own wrapper, as without this one.
 */
final class ObservedConnection implements InvocationHandler {

	private final Connection target;
	private final DatabaseSpans spans;

	ObservedConnection(Connection target, DatabaseSpans spans) {
		this.target = target;
		this.spans = spans;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		String name = method.getName();
		Object own = own(proxy, target, name, args);
		if (own != PASS) {
			return own;
		}
		Object result = call(target, method, args);
		if (result instanceof Statement statement) {
			String sql = name.startsWith("prepare") && args != null && args[0] instanceof String text ? text : null;
			return spans.statement(statement, (Connection) proxy, sql);
		}
		return result;
	}

	/** What {@link #own} answers for a call the target must take. */
	static final Object PASS = new Object();

	/**
	 * What a JDBC proxy answers itself: identity ({@code equals}, {@code hashCode}, {@code toString}) and its own type
	 * for {@code unwrap}/{@code isWrapperFor}; {@link #PASS} for everything else, including an {@code unwrap} to the
	 * driver's types, which the target answers.
	 */
	static @Nullable Object own(Object proxy, Object target, String name, @Nullable Object @Nullable [] args) {
		boolean itself = args != null && args.length > 0 && args[0] instanceof Class<?> type && type.isInstance(proxy);
		return switch (name) {
			case "equals" -> args != null && proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "toString" -> "observed " + target;
			case "unwrap" -> itself ? proxy : PASS;
			case "isWrapperFor" -> itself ? Boolean.TRUE : PASS;
			default -> PASS;
		};
	}

	/** {@code method} on {@code target}, throwing what it throws. */
	static @Nullable Object call(Object target, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause() == null ? ex : ex.getCause();
		}
	}
}
