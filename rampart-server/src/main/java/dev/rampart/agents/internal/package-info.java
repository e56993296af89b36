/** The agents module's storage, validation, template rendering and purge job; reach it through the module's API. */
@NullMarked
package dev.rampart.agents.internal;

import org.jspecify.annotations.NullMarked;
