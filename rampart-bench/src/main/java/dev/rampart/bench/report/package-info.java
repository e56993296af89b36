/** Rendering of results: a human table, one JSON line per scenario, and Markdown blocks in docs. */
@NullMarked
package dev.rampart.bench.report;

import org.jspecify.annotations.NullMarked;
