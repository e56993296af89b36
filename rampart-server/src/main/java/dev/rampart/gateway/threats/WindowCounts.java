package dev.rampart.gateway.threats;

/**
 * What one window counted for one key: requests, distinct resources (paths) touched, answers 401,
 * 403 and 404, run creations, model tokens spent and response bytes.
 */
record WindowCounts(long requests, long distinct, long unauthorized, long forbidden, long notFound, long runs, long tokens,
		long bytesOut) {
}
