/** Ids, time, the error model and paging that every module uses. */
@ApplicationModule(displayName = "Shared kernel")
@NullMarked
package dev.rampart.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
