package dev.rampart.providers.internal.cache;

import java.time.Instant;

/**
 * A cached reply as the tiers pass it between them.
 *
 * @param bytes the size of the reply's JSON (UTF-8), what the size bounds count
 * @param notAfter the end of the entry's whole life (its put time plus {@code l3-ttl}): no tier serves it later,
 *        and a copy promoted to an upper tier never lives past it
 */
record Entry(CachedReply reply, int bytes, Instant notAfter) {
}
