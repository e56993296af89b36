package dev.rampart.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.validation.annotation.Validated;

/**
 * Request rate limits ({@code rampart.gateway.rate-limits.*}). Limits known before authentication
 * (source address, sign-in, refresh) are node-wide; the others come from the plan of the caller's
 * tenant: {@code tenant-plans} maps a tenant id to a plan name, any other tenant gets
 * {@code default}. Plan assignment by property is a stop-gap: an API for it comes later.
 *
 * @param enabled whether any limit is enforced
 * @param address requests per source address, before authentication
 * @param login sign-in attempts per source address
 * @param refresh token refreshes per source address
 * @param plans named plans; {@code default} is built in and may be overridden
 * @param tenantPlans tenant id to plan name
 * @param maxBuckets how many in-memory buckets a node keeps (least recently used go first)
 * @param redisTimeout command timeout towards Redis; slower counts as Redis lost
 * @param redisRetry how long a node that lost Redis waits before trying it again
 * @param heartbeat how often a node tells Redis it is alive (the node count divides limits when Redis is lost)
 */
@ConfigurationProperties("rampart.gateway.rate-limits")
@Validated
public record RateLimitProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue(ADDRESS) Limit address,
		@DefaultValue(LOGIN) Limit login,
		@DefaultValue(REFRESH) Limit refresh,
		Map<String, Plan> plans,
		Map<String, String> tenantPlans,
		@DefaultValue("100000") @Positive long maxBuckets,
		@DefaultValue("200ms") Duration redisTimeout,
		@DefaultValue("5s") Duration redisRetry,
		@DefaultValue("10s") Duration heartbeat) {

	public static final String DEFAULT_PLAN = "default";
	static final String ADDRESS = "1200/1m burst 300";
	static final String LOGIN = "10/1m burst 10";
	static final String REFRESH = "30/1m burst 30";

	public RateLimitProperties {
		plans = plans == null ? Map.of() : Map.copyOf(plans);
		tenantPlans = tenantPlans == null ? Map.of() : Map.copyOf(tenantPlans);
		for (var assignment : tenantPlans.entrySet()) {
			if (!assignment.getValue().equals(DEFAULT_PLAN) && !plans.containsKey(assignment.getValue())) {
				throw new IllegalArgumentException("tenant " + assignment.getKey() + " is assigned the unknown rate-limit plan "
						+ assignment.getValue() + "; known plans: " + plans.keySet() + " and default");
			}
		}
	}

	/** The name of a tenant's plan: its assigned plan, or {@code default}. */
	public String planNameOf(String tenantId) {
		return tenantPlans.getOrDefault(tenantId, DEFAULT_PLAN);
	}

	/** The plan of a tenant: its assigned plan, or {@code default}. */
	public Plan planOf(String tenantId) {
		String name = tenantPlans.getOrDefault(tenantId, DEFAULT_PLAN);
		return plans.getOrDefault(name, name.equals(DEFAULT_PLAN) ? Plan.DEFAULT : plans.get(DEFAULT_PLAN));
	}

	/**
	 * The limits of a tenant's plan. {@code principal} and {@code apiKey} count every request of a
	 * user or key; {@code reads} (GET, HEAD), {@code writes} (other methods) and {@code runs} (POST
	 * to a path ending in {@code /runs}) count by operation class, also per user or key.
	 *
	 * <p>The "denial of wallet" quotas of the whole tenant ({@link TenantQuotas}): {@code tokens} is a
	 * budget of model tokens (input + output) refilled continuously over its period (at most a day),
	 * charged after each model call; once it is spent, run creation and model calls are refused until
	 * it refills. {@code concurrentRuns} is how many runs and direct model calls of the tenant may be
	 * in flight at once.
	 */
	public record Plan(
			@DefaultValue(PRINCIPAL) Limit principal,
			@DefaultValue(PRINCIPAL) Limit apiKey,
			@DefaultValue(TENANT) Limit tenant,
			@DefaultValue(READS) Limit reads,
			@DefaultValue(WRITES) Limit writes,
			@DefaultValue(RUNS) Limit runs,
			@DefaultValue(TOKENS) Limit tokens,
			@DefaultValue(CONCURRENT_RUNS) @Positive int concurrentRuns) {

		static final String PRINCIPAL = "1200/1m burst 300";
		static final String TENANT = "6000/1m burst 1200";
		static final String READS = "1200/1m burst 300";
		static final String WRITES = "300/1m burst 100";
		static final String RUNS = "60/1m burst 20";
		static final String TOKENS = "2000000/1h burst 2000000";
		static final String CONCURRENT_RUNS = "20";

		public static final Plan DEFAULT = new Plan(Limit.valueOf(PRINCIPAL), Limit.valueOf(PRINCIPAL), Limit.valueOf(TENANT),
				Limit.valueOf(READS), Limit.valueOf(WRITES), Limit.valueOf(RUNS), Limit.valueOf(TOKENS),
				Integer.parseInt(CONCURRENT_RUNS));
	}

	/**
	 * A token bucket: {@code rate} requests per {@code period} refilled continuously (greedy), and up
	 * to {@code burst} at once after a quiet spell. Written {@code "600/1m burst 100"}.
	 */
	public record Limit(long rate, Duration period, long burst) {

		private static final Pattern TEXT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\S+)\\s+burst\\s+(\\d+)\\s*");

		public Limit {
			if (rate < 1 || burst < 1 || !period.isPositive()) {
				throw new IllegalArgumentException("a rate limit needs a rate, burst and period above zero");
			}
		}

		public static Limit valueOf(String text) {
			Matcher m = TEXT.matcher(text.toLowerCase(Locale.ROOT));
			if (!m.matches()) {
				throw new IllegalArgumentException("a rate limit is written like \"600/1m burst 100\", not \"" + text + "\"");
			}
			return new Limit(Long.parseLong(m.group(1)), DurationStyle.detectAndParse(m.group(2)), Long.parseLong(m.group(3)));
		}

		/** This limit divided among {@code nodes} nodes, never below one request. */
		public Limit share(int nodes) {
			return nodes <= 1 ? this : new Limit(Math.max(1, rate / nodes), period, Math.max(1, burst / nodes));
		}

		@Override
		public String toString() {
			return rate + "/" + period.toSeconds() + "s burst " + burst;
		}
	}
}
