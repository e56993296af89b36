package dev.rampart.identity.internal;

import java.time.Clock;

import dev.rampart.identity.AuditLog;
import dev.rampart.shared.TenantTransactions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the audit log and the listeners that feed it. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	JdbcAuditLog auditLog(JdbcClient jdbc, TenantTransactions transactions, Clock clock) {
		return new JdbcAuditLog(jdbc, transactions, clock);
	}

	@Bean
	ConfigurationAuditor configurationAuditor(AuditLog audit) {
		return new ConfigurationAuditor(audit);
	}

	@Bean
	SecurityAuditor securityAuditor(AuditLog audit) {
		return new SecurityAuditor(audit);
	}
}
