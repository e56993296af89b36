/** The {@code providers} subcommand: what the provider gateway adds to a model call against the simulator alone (issue #6). */
@NullMarked
package dev.rampart.bench.providers;

import org.jspecify.annotations.NullMarked;
