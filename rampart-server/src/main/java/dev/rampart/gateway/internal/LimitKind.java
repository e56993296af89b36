package dev.rampart.gateway.internal;

import java.util.Locale;

/** What a bucket counts; its name is the policy name in the RateLimit headers and the metric tag. */
enum LimitKind {
	ADDRESS, LOGIN, REFRESH, TENANT, PRINCIPAL, API_KEY, READS, WRITES, RUNS, TOKENS,
	/** The tightened limit of a principal or address that threat detection throttles. */
	SUSPICIOUS;

	String policy() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
