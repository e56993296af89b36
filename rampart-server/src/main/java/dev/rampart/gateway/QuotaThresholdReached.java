package dev.rampart.gateway;

import java.time.Instant;

import dev.rampart.shared.TenantId;

/**
 * A tenant's token budget ran low ({@code near}: 80% spent) or out ({@code exceeded}: calls are refused with
 * {@code QUOTA_EXCEEDED}): published as an application event when the level is first reached, not for every call, so
 * notifications (#9) can warn the tenant before and when its model calls stop. Each node reports what it sees; the
 * level is reported again after the budget recovered below 80%.
 *
 * @param quota {@code tokens}
 * @param level {@code near} or {@code exceeded}
 * @param remaining the budget left (negative while an overspend is paid back)
 * @param budget the whole budget
 * @param at when
 */
public record QuotaThresholdReached(TenantId tenant, String quota, String level, long remaining, long budget,
		Instant at) {

	/** The share of the budget spent at which a budget counts as nearly spent. */
	public static final double NEAR = 0.8;
}
