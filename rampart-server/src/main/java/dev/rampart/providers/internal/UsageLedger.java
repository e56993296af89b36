package dev.rampart.providers.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.providers.ModelBudgets.Period;
import dev.rampart.providers.ModelUsage;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code model_usage} rows: one written per call, reports over them, and what each tenant spent in the
 * current UTC day and month. Those sums are loaded from the table, cached per tenant for {@link #SPENT_TTL}
 * and updated in memory on every call this node records, so a node sees its own calls at once and other
 * nodes' calls within the TTL.
 */
@Component
class UsageLedger implements ModelUsage {

	static final Duration SPENT_TTL = Duration.ofSeconds(5);

	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final Clock clock;
	private final Cache<TenantId, Spent> spent;

	UsageLedger(JdbcClient jdbc, TenantTransactions transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.spent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(SPENT_TTL).ticker(new ClockTicker(clock)).build();
	}

	/**
	 * Writes one call's row (charged to the provider and model that served it) in a transaction bound to the call's
	 * tenant, and adds it to the cached sums.
	 */
	void record(ModelCallContext context, ServedBy served, Usage usage, long costMicros) {
		Instant now = clock.instant();
		transactions.inTenant(context.tenant(), () -> {
			jdbc.sql("""
					insert into model_usage (id, tenant_id, principal, agent_id, run_id, provider, model, input_tokens,
						output_tokens, cost_micros, at, chain_position)
					values (:id, :tenant, :principal, :agent, :run, :provider, :model, :input, :output, :cost, :at, :position)""")
				.param("id", UuidV7.next(clock))
				.param("tenant", context.tenant().value())
				.param("principal", context.principal())
				.param("agent", context.agentId())
				.param("run", context.runId())
				.param("provider", served.provider())
				.param("model", served.model())
				.param("position", served.position())
				.param("input", usage.inputTokens())
				.param("output", usage.outputTokens())
				.param("cost", costMicros)
				.param("at", Timestamp.from(now))
				.update();
		});
		Spent cached = spent.getIfPresent(context.tenant());
		if (cached != null) {
			cached.add(context.agentId(), now, usage.total(), costMicros);
		}
	}

	/** What the tenant spent in the current day and month, by agent and in all. */
	Spent spent(TenantId tenant) {
		Instant now = clock.instant();
		Spent current = spent.get(tenant, t -> load(t, now));
		if (!current.covers(now)) {
			spent.invalidate(tenant);
			current = spent.get(tenant, t -> load(t, now));
		}
		return current;
	}

	private Spent load(TenantId tenant, Instant now) {
		Spent loaded = new Spent(now);
		transactions.inTenant(tenant, () -> {
			jdbc.sql("""
					select agent_id,
						coalesce(sum(input_tokens + output_tokens) filter (where at >= :day), 0),
						coalesce(sum(cost_micros) filter (where at >= :day), 0),
						coalesce(sum(input_tokens + output_tokens), 0), coalesce(sum(cost_micros), 0)
					from model_usage where tenant_id = :tenant and at >= :month group by agent_id""")
				.param("tenant", tenant.value())
				.param("day", Timestamp.from(loaded.dayStart))
				.param("month", Timestamp.from(loaded.monthStart))
				.query(rs -> {
					loaded.put(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
				});
		});
		return loaded;
	}

	@Override
	public List<Line> report(TenantId tenant, Instant from, Instant to, GroupBy groupBy) {
		String key = switch (groupBy) {
			case DAY -> "to_char(at at time zone 'UTC', 'YYYY-MM-DD')";
			case AGENT -> "agent_id";
			case PROVIDER -> "provider";
			case MODEL -> "provider || '/' || model";
		};
		return transactions.inTenant(tenant, () -> jdbc.sql("select " + key + " as k, coalesce(sum(input_tokens), 0), "
				+ "coalesce(sum(output_tokens), 0), coalesce(sum(cost_micros), 0), count(*) from model_usage "
				+ "where tenant_id = :tenant and at >= :from and at < :to group by k order by k nulls last")
			.param("tenant", tenant.value())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, row) -> new Line(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
			.list());
	}

	/** Start of the UTC period that contains {@code now}. */
	static Instant periodStart(Period period, Instant now) {
		LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
		return (period == Period.DAY ? day : day.withDayOfMonth(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** Start of the next UTC period after the one that contains {@code now}. */
	static Instant periodEnd(Period period, Instant now) {
		LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate next = period == Period.DAY ? day.plusDays(1) : day.withDayOfMonth(1).plusMonths(1);
		return next.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** Tokens (input + output) and cost in micro-dollars spent in one period. */
	record Totals(long tokens, long costMicros) {
	}

	/** One tenant's sums for the day and month that contain the moment they were loaded; thread-safe. */
	static final class Spent {

		private static final String ALL = "";

		final Instant dayStart;
		final Instant monthStart;
		private final Instant dayEnd;
		/** Agent id ("" for the whole tenant) → {day tokens, day cost, month tokens, month cost}. */
		private final Map<String, long[]> sums = new HashMap<>();

		Spent(Instant now) {
			this.dayStart = periodStart(Period.DAY, now);
			this.monthStart = periodStart(Period.MONTH, now);
			this.dayEnd = periodEnd(Period.DAY, now);
		}

		boolean covers(Instant now) {
			return !now.isBefore(dayStart) && now.isBefore(dayEnd);
		}

		synchronized void put(@Nullable String agent, long dayTokens, long dayCost, long monthTokens, long monthCost) {
			long[] values = { dayTokens, dayCost, monthTokens, monthCost };
			accumulate(ALL, values);
			if (agent != null) {
				accumulate(agent, values);
			}
		}

		synchronized void add(@Nullable String agent, Instant at, long tokens, long costMicros) {
			if (!covers(at)) {
				return;
			}
			put(agent, tokens, costMicros, tokens, costMicros);
		}

		/** The sums of one agent, or of the whole tenant when {@code agent} is null. */
		synchronized Totals of(@Nullable String agent, Period period) {
			long[] values = sums.get(agent == null ? ALL : agent);
			if (values == null) {
				return new Totals(0, 0);
			}
			return period == Period.DAY ? new Totals(values[0], values[1]) : new Totals(values[2], values[3]);
		}

		private void accumulate(String key, long[] values) {
			long[] current = sums.computeIfAbsent(key, k -> new long[4]);
			for (int i = 0; i < 4; i++) {
				current[i] += values[i];
			}
		}
	}
}
