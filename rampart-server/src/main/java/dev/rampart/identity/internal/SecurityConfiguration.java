package dev.rampart.identity.internal;

import java.util.Optional;

import dev.rampart.identity.ApiKeys;
import dev.rampart.identity.RampartPrincipal;
import dev.rampart.shared.CurrentTenant;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.ProblemWriter;
import dev.rampart.shared.Problems;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The request path's authentication: every {@code /api/v1} endpoint needs a bearer access token or
 * API key, except sign-in itself.
 * Stateless: no session, no cookie, so no CSRF surface. The tenant of a request is the token's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, BearerAuthenticationFilter bearer, Problems problems, ProblemWriter writer)
			throws Exception {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.disable()))
			.authorizeHttpRequests(requests -> requests
				// the dispatch that ends a streamed answer (an SSE stream's completion): its request was authorized when it
				// began, and the bearer filter does not run again for it
				.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
				.requestMatchers("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout")
				.permitAll()
				.requestMatchers("/api/v1", "/api/v1/**").authenticated()
				.anyRequest().permitAll())
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				response.setHeader("WWW-Authenticate", "Bearer");
				writer.write(response, problems.of(ErrorCode.AUTHENTICATION_REQUIRED,
						"Send an access token or API key in the Authorization header: Bearer <token>."));
			}))
			.addFilterBefore(bearer, AnonymousAuthenticationFilter.class);
		return http.build();
	}

	@Bean
	BearerAuthenticationFilter bearerAuthenticationFilter(Authentication authentication, ApiKeys apiKeys, Problems problems,
			ProblemWriter writer) {
		return new BearerAuthenticationFilter(authentication, apiKeys, problems, writer);
	}

	/** The filter runs inside Spring Security's chain only, not a second time as a plain servlet filter. */
	@Bean
	FilterRegistrationBean<BearerAuthenticationFilter> bearerFilterNotAServletFilter(BearerAuthenticationFilter filter) {
		FilterRegistrationBean<BearerAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	/** Keeps Spring Boot from creating its default user with a generated password: Rampart has its own sign-in. */
	@Bean
	UserDetailsService noFormUsers() {
		return username -> {
			throw new UsernameNotFoundException("Rampart signs in through /api/v1/auth/login");
		};
	}

	/** The tenant of the signed-in principal; there is none outside an authenticated request. */
	@Bean
	CurrentTenant currentTenant() {
		return () -> {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof RampartPrincipal principal) {
				return Optional.of(principal.tenant());
			}
			return Optional.empty();
		};
	}
}
