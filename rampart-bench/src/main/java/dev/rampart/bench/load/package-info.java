/** The closed-loop HTTP load driver: fixed concurrency on virtual threads, HdrHistogram latencies. */
@NullMarked
package dev.rampart.bench.load;

import org.jspecify.annotations.NullMarked;
