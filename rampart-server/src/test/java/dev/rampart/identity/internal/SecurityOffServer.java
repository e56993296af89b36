package dev.rampart.identity.internal;

import java.io.IOException;
import java.util.List;

import dev.rampart.RampartApplication;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The server with authentication and authorization taken out, as the baseline of the {@code auth}
 * benchmark (docs/BENCHMARKS.md): every request is the bootstrap tenant's owner, no token is read,
 * no permission is checked. Everything else is the production application, started from the
 * packaged jar with this class added from the test classes:
 *
 * <pre>java -cp rampart-server/target/rampart-server.jar -Dloader.path=rampart-server/target/test-classes \
 *   -Dloader.main=dev.rampart.identity.internal.SecurityOffServer org.springframework.boot.loader.launch.PropertiesLauncher</pre>
 *
 * It exists only in test scope, so no build of Rampart can switch security off. It lives in the
 * identity module (test classes count for the module structure), whose security it takes out. What it removes is
 * exactly the request path's security: the bearer filter (token verification, user state) and the
 * permission interceptor ({@code AccessPolicy}); Spring Security's filter chain itself stays, with a
 * filter that sets the fixed principal where the bearer filter would set the caller's.
 */
public final class SecurityOffServer {

	/** Who every request is. */
	static final RampartPrincipal EVERYONE = RampartPrincipal.user("security-off", TenantId.DEFAULT, "owner", false, false);

	private SecurityOffServer() {
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(RampartApplication.class, SecurityOff.class);
		// The test classes are on the class path only for this class: keep component scanning off them.
		application.addInitializers(context -> context.getBeanFactory()
			.registerSingleton("securityOffExcludesTestClasses", new ExcludeTestClasses()));
		LoggerFactory.getLogger(SecurityOffServer.class)
			.warn("SECURITY OFF: every request acts as the owner of tenant default. A benchmark baseline, never a server to use.");
		application.run(args);
	}

	/** Registered as a source, not scanned: the main class adds it. */
	static class SecurityOff {

		/** Removes the production chain and the permission interceptor; the chain below replaces them. */
		@Bean
		static BeanDefinitionRegistryPostProcessor securityOffRemovesAuthorization() {
			return registry -> {
				remove(registry, "api");
				remove(registry, "permissionConfiguration");
			};
		}

		@Bean
		SecurityFilterChain securityOff(HttpSecurity http) throws Exception {
			http.csrf(csrf -> csrf.disable())
				.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.httpBasic(basic -> basic.disable())
				.formLogin(form -> form.disable())
				.logout(logout -> logout.disable())
				.requestCache(cache -> cache.disable())
				.headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.disable()))
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.addFilterBefore(new FixedPrincipal(), AnonymousAuthenticationFilter.class);
			return http.build();
		}

		private static void remove(BeanDefinitionRegistry registry, String name) {
			if (!registry.containsBeanDefinition(name)) {
				throw new IllegalStateException("no bean '" + name + "' to remove: the security-off baseline no longer "
						+ "matches the application's security configuration");
			}
			registry.removeBeanDefinition(name);
		}
	}

	/** Where the bearer filter would authenticate the caller, sets {@link #EVERYONE}. */
	static final class FixedPrincipal extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(EVERYONE, "", List.of()));
				chain.doFilter(request, response);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		}
	}

	/** Classes loaded from a {@code test-classes} directory are not components of this server. */
	static final class ExcludeTestClasses extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getURL().toString().contains("/test-classes/");
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ExcludeTestClasses;
		}

		@Override
		public int hashCode() {
			return ExcludeTestClasses.class.hashCode();
		}
	}
}
