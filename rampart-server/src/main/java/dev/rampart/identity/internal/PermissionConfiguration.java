package dev.rampart.identity.internal;

import dev.rampart.identity.AuditLog;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the {@link PermissionInterceptor} in front of every handler. */
@Configuration(proxyBeanMethods = false)
class PermissionConfiguration implements WebMvcConfigurer {

	private final AuditLog audit;
	private final TenantRoles roles;

	PermissionConfiguration(AuditLog audit, TenantRoles roles) {
		this.audit = audit;
		this.roles = roles;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new PermissionInterceptor(audit, roles));
	}
}
