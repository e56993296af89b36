package dev.rampart.bench.startup;

import dev.rampart.bench.process.ChildProcess;
import java.time.Duration;

/**
 * One launch of the server.
 *
 * @param ready from just before the fork to the first readiness answer with status UP
 * @param rssKiB the JVM's own resident set after the settle period
 * @param treeRssKiB RSS summed over the JVM and the processes it brought up, see {@link
 *     dev.rampart.bench.process.ProcessFamily} (over-counts shared pages)
 * @param treePssKiB proportional set size summed over the same processes (shared pages split fairly)
 * @param processes how many processes that family had
 * @param leftovers processes still running from the data directory after the JVM stopped; the
 *     harness kills them, but any count above zero is a shutdown bug in the server
 */
public record StartupSample(
    int run,
    boolean cold,
    Duration ready,
    long rssKiB,
    long treeRssKiB,
    long treePssKiB,
    int processes,
    ChildProcess.Ending ending,
    int leftovers) {}
