/** Storage, validation and reading of workflow definitions; not part of the module's API. */
@NullMarked
package dev.rampart.workflows.internal;

import org.jspecify.annotations.NullMarked;
