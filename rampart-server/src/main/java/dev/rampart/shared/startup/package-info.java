/** Start-up failures the operator can fix ({@link dev.rampart.shared.startup.StartupProblem}), open to every module. */
@NamedInterface("startup")
@NullMarked
package dev.rampart.shared.startup;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
