package dev.rampart.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import dev.rampart.identity.AccessTokens;
import dev.rampart.identity.AuditLog;
import dev.rampart.identity.BootstrapProperties;
import dev.rampart.identity.IdentityCacheProperties;
import dev.rampart.identity.PasswordPolicy;
import dev.rampart.identity.PasswordProperties;
import dev.rampart.identity.Passwords;
import dev.rampart.identity.RefreshTokens;
import dev.rampart.identity.RefreshTokenProperties;
import dev.rampart.identity.TokenProperties;
import dev.rampart.secrets.BlindIndex;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.shared.DirectConnections;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires access tokens and their signing keys, refresh tokens, users and tenants, password hashing and
 * policy, and the request path's caches with the listener that keeps them coherent across nodes.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	@Bean
	SigningKeys signingKeys(JdbcClient jdbc, EnvelopeEncryption encryption, TokenProperties properties, Clock clock,
			PlatformTransactionManager transactions) {
		return new SigningKeys(jdbc, encryption, properties, clock, transactions);
	}

	@Bean
	JwtAccessTokens accessTokens(SigningKeys keys, TokenProperties properties, Clock clock,
			IdentityCacheProperties cacheProperties) {
		return new JwtAccessTokens(keys, properties, clock, cacheProperties.verifiedTokens());
	}

	@Bean
	JdbcRefreshTokens refreshTokens(JdbcClient jdbc, RefreshTokenProperties properties, Clock clock,
			PlatformTransactionManager transactions, ApplicationEventPublisher events) {
		return new JdbcRefreshTokens(jdbc, properties, clock, transactions, events);
	}

	@Bean
	UserStateCache userStates(JdbcClient jdbc, IdentityCacheProperties cacheProperties, Clock clock) {
		return new UserStateCache(jdbc, cacheProperties, clock);
	}

	@Bean
	JdbcUsers users(JdbcClient jdbc, EnvelopeEncryption encryption, BlindIndex index, Clock clock, UserStateCache states) {
		return new JdbcUsers(jdbc, encryption, index, clock, states);
	}

	@Bean
	JdbcTenants tenants(JdbcClient jdbc, Clock clock) {
		return new JdbcTenants(jdbc, clock);
	}

	@Bean
	Argon2idPasswords passwords(PasswordProperties properties) {
		return new Argon2idPasswords(properties, new SecureRandom());
	}

	@Bean
	PasswordRules passwordPolicy(PasswordProperties properties) {
		return new PasswordRules(properties, CommonPasswords.load());
	}

	@Bean
	JdbcApiKeys apiKeys(JdbcClient jdbc, Clock clock, IdentityCacheProperties cacheProperties) {
		return new JdbcApiKeys(jdbc, clock, cacheProperties);
	}

	@Bean
	IdentityChangeListener identityChangeListener(DirectConnections connections, UserStateCache states, JdbcApiKeys apiKeys,
			IdentityCacheProperties cacheProperties) {
		return new IdentityChangeListener(connections, List.of(states.cache(), apiKeys.cache()),
				cacheProperties.listenerHeartbeat(), cacheProperties.listenerMaxBackoff());
	}

	@Bean
	LoginThrottle loginThrottle(Clock clock) {
		return new LoginThrottle(clock);
	}

	@Bean
	Authentication authentication(JdbcUsers users, UserStateCache states, JdbcTenants tenants, Passwords passwords,
			AccessTokens accessTokens, RefreshTokens refreshTokens, LoginThrottle throttle, AuditLog audit,
			TokenProperties tokenProperties) {
		return new Authentication(users, states, tenants, passwords, accessTokens, refreshTokens, throttle, audit,
				tokenProperties);
	}

	@Bean
	BootstrapAdmin bootstrapAdmin(JdbcUsers users, JdbcTenants tenants, Passwords passwords, PasswordPolicy policy,
			BootstrapProperties properties) {
		return new BootstrapAdmin(users, tenants, passwords, policy, properties, System.out);
	}

	@Bean
	JwksPublisher jwksPublisher(SigningKeys keys) {
		return new JwksPublisher(keys);
	}
}
