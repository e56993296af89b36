/** Start-up failures the operator can fix ({@link dev.rampart.shared.startup.StartupProblem}), open to every module. */
@NamedInterface("startup")
package dev.rampart.shared.startup;

import org.springframework.modulith.NamedInterface;
