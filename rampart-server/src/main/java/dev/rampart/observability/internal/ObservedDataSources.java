package dev.rampart.observability.internal;

import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.util.Optional;

import javax.sql.DataSource;

import dev.rampart.shared.CurrentTenant;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.NameMatchMethodPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wraps each {@link DataSource} bean so that its connections are observed ({@link DatabaseSpans}). The wrapper is a
 * subclass proxy of the bean's own class (the pool, {@code HikariDataSource}), so everything that asks for the pool by
 * its type, the transaction manager included, gets the same object and transactions see the same connections; only
 * {@code getConnection} is intercepted, and only a connection taken while an observation is current is wrapped (a
 * transaction begun outside any observation has no database spans, even for statements run later inside one). Connections opened outside the pool ({@code DirectConnections}, Flyway's) are
 * not observed.
 */
final class ObservedDataSources implements BeanPostProcessor {

	private final DatabaseSpans spans;

	ObservedDataSources(ObjectProvider<ObservationRegistry> registry, ObjectProvider<CurrentTenant> tenant) {
		SingletonSupplier<ObservationRegistry> observations = SingletonSupplier
			.of(() -> registry.getIfAvailable(() -> ObservationRegistry.NOOP));
		SingletonSupplier<Optional<CurrentTenant>> current = SingletonSupplier
			.of(() -> Optional.ofNullable(tenant.getIfAvailable()));
		this.spans = new DatabaseSpans(observations, () -> current.obtain().flatMap(CurrentTenant::find));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource)) {
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		factory.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
		NameMatchMethodPointcutAdvisor advisor = new NameMatchMethodPointcutAdvisor(new Observing(spans));
		advisor.setMappedName("getConnection");
		factory.addAdvisor(advisor);
		return factory.getProxy(bean.getClass().getClassLoader());
	}

	/** Hands out the pool's connections observed. */
	private record Observing(DatabaseSpans spans) implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			Object connection = invocation.proceed();
			// a connection taken while nothing is traced (the queue's poller, schedulers, benchmarks) stays the pool's
			// own: no proxy, no cost on each of its calls
			return connection instanceof Connection pooled && spans.current() != null ? spans.connection(pooled) : connection;
		}
	}
}
