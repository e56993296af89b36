package dev.rampart.providers.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.rampart.providers.ModelBudgets;
import dev.rampart.providers.ModelBudgets.Budget;
import dev.rampart.providers.ModelBudgets.Scope;
import dev.rampart.providers.internal.UsageLedger.Spent;
import dev.rampart.providers.internal.UsageLedger.Totals;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelInterceptor;
import dev.rampart.providers.spi.ModelReply;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Usage accounting and budgets around every model call (docs/providers.md, "Usage, cost and budgets"). Before
 * the call, a budget of the tenant (or of the calling agent) whose period is already spent refuses it with
 * {@code BUDGET_EXCEEDED}. After a reply, and at a stream's end, one {@code model_usage} row records the tokens
 * the provider reported and their cost. A stream that fails records nothing (the provider reported nothing).
 *
 * <p>A stream is stopped when its running output passes what is left of a budget: the provider reports usage
 * only at the end, so the output is estimated from the delta text at {@link #CHARS_PER_TOKEN} characters per
 * token. The client then gets {@code BUDGET_EXCEEDED} instead of further deltas; the row written at the
 * stream's end holds what the provider reported for the whole stream.
 */
@Component
class UsageAccounting implements ModelInterceptor {

	private static final Logger log = LoggerFactory.getLogger(UsageAccounting.class);

	/** The usual rule of thumb for English text with OpenAI-style tokenizers. */
	static final int CHARS_PER_TOKEN = 4;

	private final UsageLedger ledger;
	private final ModelBudgets budgets;
	private final Prices prices;
	private final Clock clock;
	private final MeterRegistry meters;

	UsageAccounting(UsageLedger ledger, ModelBudgets budgets, Prices prices, Clock clock, MeterRegistry meters) {
		this.meters = meters;
		this.ledger = ledger;
		this.budgets = budgets;
		this.prices = prices;
		this.clock = clock;
	}

	@Override
	public int getOrder() {
		return ACCOUNTING;
	}

	@Override
	public ModelRequest beforeCall(ModelCallContext context, ModelRequest request) {
		List<Budget> applicable = applicable(context);
		if (applicable.isEmpty()) {
			return request;
		}
		Spent spent = ledger.spent(context.tenant());
		Instant now = clock.instant();
		for (Budget budget : applicable) {
			Totals totals = spent.of(budget.scope() == Scope.AGENT ? budget.agentId() : null, budget.period());
			if ((budget.maxTokens() != null && totals.tokens() >= budget.maxTokens())
					|| (budget.maxCostMicros() != null && totals.costMicros() >= budget.maxCostMicros())) {
				throw exceeded(budget, now);
			}
		}
		return request;
	}

	@Override
	public ModelReply afterReply(ModelCallContext context, ModelReply reply) {
		record(context, reply.servedBy(), reply.usage());
		return reply;
	}

	@Override
	public StreamSink aroundStream(ModelCallContext context, StreamSink downstream) {
		List<Budget> applicable = applicable(context);
		Limit limit = applicable.isEmpty() ? null : outputLimit(context, applicable);
		return new StreamSink() {

			private long chars;
			private boolean stopped;

			@Override
			public void delta(String text) {
				if (stopped) {
					return;
				}
				if (limit != null) {
					chars += text.length();
					long estimated = (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
					if (estimated > limit.outputTokens()) {
						stopped = true;
						downstream.fail(limit.failure());
						return;
					}
				}
				downstream.delta(text);
			}

			@Override
			public void end(StreamEnd end) {
				record(context, end.servedBy(), end.usage());
				if (!stopped) {
					downstream.end(end);
				}
			}

			@Override
			public void fail(RampartException failure) {
				if (!stopped) {
					downstream.fail(failure);
				}
			}
		};
	}

	private List<Budget> applicable(ModelCallContext context) {
		List<Budget> all = budgets.of(context.tenant());
		if (all.isEmpty()) {
			return all;
		}
		return all.stream()
			.filter(budget -> budget.scope() == Scope.TENANT || Objects.equals(budget.agentId(), context.agentId()))
			.toList();
	}

	/** How many output tokens the tightest applicable budget leaves this stream, and the failure past it. */
	private Limit outputLimit(ModelCallContext context, List<Budget> applicable) {
		Spent spent = ledger.spent(context.tenant());
		Instant now = clock.instant();
		BigDecimal perToken = prices.output(context.tenant(), context.provider(), context.model());
		Limit tightest = null;
		for (Budget budget : applicable) {
			Totals totals = spent.of(budget.scope() == Scope.AGENT ? budget.agentId() : null, budget.period());
			long left = Long.MAX_VALUE;
			if (budget.maxTokens() != null) {
				left = Math.max(0, budget.maxTokens() - totals.tokens());
			}
			if (budget.maxCostMicros() != null && perToken.signum() > 0) {
				long micros = Math.max(0, budget.maxCostMicros() - totals.costMicros());
				left = Math.min(left, BigDecimal.valueOf(micros).divide(perToken, 0, RoundingMode.FLOOR).longValue());
			}
			if (tightest == null || left < tightest.outputTokens()) {
				tightest = new Limit(left, exceeded(budget, now));
			}
		}
		return tightest;
	}

	/** Charges the provider and model that served the call (a fallback's, when the primary failed). */
	private void record(ModelCallContext context, @Nullable ServedBy servedBy, Usage usage) {
		ServedBy served = servedBy != null ? servedBy : new ServedBy(context.provider(), context.model(), 0, false);
		if (served.cached()) {
			return;
		}
		try {
			long costMicros = prices.costMicros(context.tenant(), served.provider(), served.model(), usage);
			count(served, usage, costMicros);
			ledger.record(context, served, usage, costMicros);
		}
		catch (RuntimeException ex) {
			// the provider answered and charged: the reply still goes out, the missing row is logged
			log.error("Could not record the usage of a model call (tenant {}, {}/{}, {} + {} tokens)", context.tenant().value(),
					served.provider(), served.model(), usage.inputTokens(), usage.outputTokens(), ex);
		}
	}

	/** Tokens and cost by provider and model (docs/observability.md): the ledger is per tenant, these are per node. */
	private void count(ServedBy served, Usage usage, long costMicros) {
		for (String type : new String[] { "input", "output" }) {
			Counter.builder("rampart.model.tokens")
				.description("Tokens that providers reported, by provider, model and type (input, output)")
				.tags("provider", served.provider(), "model", served.model(), "type", type)
				.baseUnit("tokens")
				.register(meters)
				.increment(type.equals("input") ? usage.inputTokens() : usage.outputTokens());
		}
		Counter.builder("rampart.model.cost")
			.description("What model calls cost at the configured prices, by provider and model")
			.tags("provider", served.provider(), "model", served.model())
			.baseUnit("usd")
			.register(meters)
			.increment(costMicros / 1_000_000.0);
	}

	private static RampartException exceeded(Budget budget, Instant now) {
		String period = budget.period().name().toLowerCase(Locale.ROOT);
		String target = budget.scope() == Scope.AGENT ? "agent " + budget.agentId() : "the tenant";
		String limit = (budget.maxTokens() != null ? budget.maxTokens() + " tokens" : "")
				+ (budget.maxTokens() != null && budget.maxCostMicros() != null ? " or " : "")
				+ (budget.maxCostMicros() != null ? "USD " + BigDecimal.valueOf(budget.maxCostMicros(), 6).toPlainString() : "");
		Duration untilReset = Duration.between(now, UsageLedger.periodEnd(budget.period(), now));
		return new RampartException(ErrorCode.BUDGET_EXCEEDED, "The " + period + " budget of " + target + " (" + limit
				+ ") is spent; it starts again at " + UsageLedger.periodEnd(budget.period(), now) + ".", untilReset, null);
	}

	private record Limit(long outputTokens, RampartException failure) {
	}
}
