/** Start-up diagnostics: {@link dev.rampart.shared.startup.StartupProblem} is for every module to throw. */
@NamedInterface("startup")
@NullMarked
package dev.rampart.shared.startup;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
