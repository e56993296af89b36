package dev.rampart.sim.internal;

import java.util.SplittableRandom;

/** A request's sequence number (used in response ids) and its private, seeded random source. */
record RequestScope(long number, SplittableRandom random) {
}
