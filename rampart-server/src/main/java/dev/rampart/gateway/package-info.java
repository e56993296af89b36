/** The servlet filter chain in front of the API: rate limits, size limits, schema validation, threat detection, masking, headers. */
@ApplicationModule(allowedDependencies = { "shared", "shared :: schema", "shared :: embeddings", "identity", "providers :: spi" }, displayName = "API gateway")
@NullMarked
package dev.rampart.gateway;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
