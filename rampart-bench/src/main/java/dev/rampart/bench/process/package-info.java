/** Child processes under test: launch, readiness, CPU time and memory from /proc, graceful stop. */
@NullMarked
package dev.rampart.bench.process;

import org.jspecify.annotations.NullMarked;
