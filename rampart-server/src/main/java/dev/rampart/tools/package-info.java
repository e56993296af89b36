/** The tool registry: built-ins, SSRF-safe HTTP/OpenAPI tools, MCP client and tool policies. */
@ApplicationModule(allowedDependencies = { "shared", "shared :: schema", "secrets", "identity" }, displayName = "Tools")
@NullMarked
package dev.rampart.tools;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
