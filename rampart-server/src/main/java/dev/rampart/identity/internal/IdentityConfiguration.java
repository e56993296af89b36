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
import dev.rampart.identity.RefreshTokenProperties;
import dev.rampart.identity.RefreshTokens;
import dev.rampart.identity.ResourceAccess;
import dev.rampart.identity.TokenProperties;
import dev.rampart.secrets.BlindIndex;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.shared.NotifyChannels;
import dev.rampart.shared.TenantTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires access tokens and their signing keys, refresh tokens, users and tenants, password hashing and
 * policy, roles, the services behind the tenants, members, roles, API-key and own-account endpoints,
 * and the request path's caches with the listener that keeps them coherent across nodes.
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
			TenantTransactions transactions, ApplicationEventPublisher events) {
		return new JdbcRefreshTokens(jdbc, properties, clock, transactions, events);
	}

	@Bean
	UserStateCache userStates(JdbcClient jdbc, TenantTransactions transactions, IdentityCacheProperties cacheProperties,
			Clock clock) {
		return new UserStateCache(jdbc, transactions, cacheProperties, clock);
	}

	@Bean
	JdbcUsers users(JdbcClient jdbc, TenantTransactions transactions, EnvelopeEncryption encryption, BlindIndex index,
			Clock clock, UserStateCache states) {
		return new JdbcUsers(jdbc, transactions, encryption, index, clock, states);
	}

	@Bean
	JdbcTenants tenants(JdbcClient jdbc, TenantTransactions transactions, Clock clock) {
		return new JdbcTenants(jdbc, transactions, clock);
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
	JdbcApiKeys apiKeys(JdbcClient jdbc, TenantTransactions transactions, Clock clock, IdentityCacheProperties cacheProperties) {
		return new JdbcApiKeys(jdbc, transactions, clock, cacheProperties);
	}

	@Bean
	IdentityChangeListener identityChangeListener(NotifyChannels channels, UserStateCache states, JdbcApiKeys apiKeys,
			TenantRoles roles, IdentityCacheProperties cacheProperties) {
		return new IdentityChangeListener(channels, List.of(states.cache(), apiKeys.cache(), roles.cache()),
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

	@Bean
	JdbcCustomRoles customRoles(JdbcClient jdbc, TenantTransactions transactions, Clock clock) {
		return new JdbcCustomRoles(jdbc, transactions, clock);
	}

	/** Per-resource decisions; outside {@link PermissionConfiguration}, which only registers the interceptor. */
	@Bean
	ResourceAccess resourceAccess(TenantRoles roles, AuditLog audit) {
		return new PrincipalResourceAccess(roles, audit);
	}

	@Bean
	TenantRoles tenantRoles(JdbcCustomRoles customRoles, Clock clock, IdentityCacheProperties cacheProperties) {
		return new TenantRoles(customRoles, cacheProperties, clock);
	}

	@Bean
	ChangeAudit changeAudit(AuditLog audit, ApplicationEventPublisher events) {
		return new ChangeAudit(audit, events);
	}

	@Bean
	TenantAdministration tenantAdministration(JdbcTenants tenants, JdbcUsers users, Passwords passwords,
			PasswordPolicy policy, ChangeAudit audit, Clock clock) {
		return new TenantAdministration(tenants, users, passwords, policy, audit, clock);
	}

	@Bean
	Members members(JdbcUsers users, JdbcTenants tenants, JdbcCustomRoles customRoles, TenantRoles roles, Passwords passwords,
			PasswordPolicy policy, ChangeAudit audit) {
		return new Members(users, tenants, customRoles, roles, passwords, policy, audit);
	}

	@Bean
	RoleAdministration roleAdministration(JdbcCustomRoles customRoles, JdbcUsers users, TenantRoles roles, ChangeAudit audit) {
		return new RoleAdministration(customRoles, users, roles, audit);
	}

	@Bean
	ApiKeyAdministration apiKeyAdministration(JdbcApiKeys keys, TenantRoles roles, ChangeAudit audit) {
		return new ApiKeyAdministration(keys, roles, audit);
	}

	@Bean
	Accounts accounts(JdbcUsers users, Passwords passwords, PasswordPolicy policy, RefreshTokens refreshTokens,
			Authentication authentication, LoginThrottle throttle, TenantRoles roles, ChangeAudit audit,
			PlatformTransactionManager transactions) {
		return new Accounts(users, passwords, policy, refreshTokens, authentication, throttle, roles, audit, transactions);
	}
}
