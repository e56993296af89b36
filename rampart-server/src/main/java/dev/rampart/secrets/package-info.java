/** Secret manager, envelope encryption, column encryption with blind indexes, key rotation and rewrap. */
@ApplicationModule(allowedDependencies = { "shared", "shared :: startup" }, displayName = "Secrets")
@NullMarked
package dev.rampart.secrets;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
