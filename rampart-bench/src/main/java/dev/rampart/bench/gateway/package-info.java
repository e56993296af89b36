/** The {@code gateway} subcommand: what the gateway chain (rate limits, validation, masking) adds to a request's p99 latency. */
@NullMarked
package dev.rampart.bench.gateway;

import org.jspecify.annotations.NullMarked;
