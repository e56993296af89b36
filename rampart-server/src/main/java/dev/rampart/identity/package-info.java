/** Tenants, users, memberships, roles and permissions, API keys, sessions and refresh-token families, audit log. */
@ApplicationModule(allowedDependencies = { "shared", "shared :: startup", "secrets" }, displayName = "Identity and access")
@NullMarked
package dev.rampart.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
