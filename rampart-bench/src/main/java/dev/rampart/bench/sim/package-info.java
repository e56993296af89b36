/** The simulator baseline that every Rampart overhead figure is a ratio against. */
@NullMarked
package dev.rampart.bench.sim;

import org.jspecify.annotations.NullMarked;
