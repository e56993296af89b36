package dev.rampart.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rampart.providers.ModelBudgets;
import dev.rampart.providers.ModelBudgets.Budget;
import dev.rampart.providers.ModelBudgets.Period;
import dev.rampart.providers.ModelBudgets.Scope;
import dev.rampart.providers.ProvidersProperties;
import dev.rampart.providers.ProvidersProperties.Price;
import dev.rampart.providers.spi.ModelCallContext;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.StreamEnd;
import dev.rampart.providers.spi.StreamSink;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Budget decisions, stream cut-off and cost rounding, with the ledger's sums held in memory. */
class UsageAccountingTest {

	private static final TenantId TENANT = TenantId.of("0195f1c2-7d1e-7a35-9c61-3f0f3a1f7e21");
	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
	private static final ModelRequest REQUEST = new ModelRequest(
			List.of(new ModelMessage(ModelMessage.Role.USER, "hi", ModelMessage.Origin.USER_INPUT)), null, null);

	private final List<Budget> budgets = new ArrayList<>();
	private final List<Usage> recorded = new ArrayList<>();
	private final UsageLedger.Spent spent = new UsageLedger.Spent(NOW);
	private final Prices prices = new Prices(new ProvidersProperties(new ProvidersProperties.Sim(true, 0), ProvidersProperties.Resilience.defaults(),
			Map.of("p", Map.of("m", new Price(new BigDecimal("2.5"), BigDecimal.TEN)))));

	private final UsageAccounting accounting = new UsageAccounting(new UsageLedger(null, null, CLOCK) {

		@Override
		void record(ModelCallContext context, ServedBy served, Usage usage, long costMicros) {
			recorded.add(usage);
			spent.add(context.agentId(), NOW, (long) usage.inputTokens() + usage.outputTokens(), costMicros);
		}

		@Override
		Spent spent(TenantId tenant) {
			return spent;
		}
	}, new ModelBudgets() {

		@Override
		public List<Budget> of(TenantId tenant) {
			return budgets;
		}

		@Override
		public List<Budget> replace(TenantId tenant, List<Budget> replacement) {
			throw new UnsupportedOperationException();
		}
	}, prices, CLOCK, new SimpleMeterRegistry());

	private static ModelCallContext call(String agent) {
		return new ModelCallContext(TENANT, "user:u", "p", "m", agent, null);
	}

	@Test
	void costIsExactAndRoundedOncePerCallToTheMicroDollar() {
		assertThat(prices.costMicros("p", "m", 3, 0)).isEqualTo(8);
		assertThat(prices.costMicros("p", "m", 1_000_000, 1_000_000)).isEqualTo(12_500_000);
		assertThat(prices.costMicros("p", "unpriced", 1_000, 1_000)).isZero();
	}

	@Test
	void anAgentsBudgetRefusesThatAgentOnlyUntilTheNextUtcDay() {
		budgets.add(new Budget(Scope.AGENT, "a1", Period.DAY, 10L, null));
		spent.put("a1", 10, 0, 10, 0);

		assertThatThrownBy(() -> accounting.beforeCall(call("a1"), REQUEST)).isInstanceOfSatisfying(RampartException.class, ex -> {
			assertThat(ex.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
			assertThat(ex.estimatedRecoveryTime()).isEqualTo(Duration.ofHours(14));
		});
		assertThat(accounting.beforeCall(call("a2"), REQUEST)).isSameAs(REQUEST);
		assertThat(accounting.beforeCall(call(null), REQUEST)).isSameAs(REQUEST);
	}

	@Test
	void aTenantMonthBudgetCountsEveryAgentAndRecoversAtTheFirstOfTheMonth() {
		budgets.add(new Budget(Scope.TENANT, null, Period.MONTH, null, 1_000L));
		spent.put("a1", 0, 0, 100, 400);
		spent.put(null, 0, 0, 100, 599);
		assertThat(accounting.beforeCall(call(null), REQUEST)).isSameAs(REQUEST);

		spent.put("a2", 0, 0, 1, 1);

		assertThatThrownBy(() -> accounting.beforeCall(call("a3"), REQUEST)).isInstanceOfSatisfying(RampartException.class,
				ex -> assertThat(ex.estimatedRecoveryTime()).isEqualTo(Duration.between(NOW, Instant.parse("2026-12-01T00:00:00Z"))));
	}

	@Test
	void aStreamIsCutWhenItsEstimatedOutputPassesTheCostLeft() {
		// 10 micro-dollars per output token, 100 left: 10 tokens, 40 characters
		budgets.add(new Budget(Scope.TENANT, null, Period.DAY, null, 100L));
		RecordingSink client = new RecordingSink();
		StreamSink sink = accounting.aroundStream(call(null), client);

		for (int i = 0; i < 8; i++) {
			sink.delta("12345678");
		}
		sink.end(new StreamEnd("stop", new Usage(3, 16), Map.of()));

		assertThat(client.deltas).hasSize(5);
		assertThat(client.failures).singleElement().extracting(RampartException::code).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
		assertThat(client.ends).isEmpty();
		assertThat(recorded).containsExactly(new Usage(3, 16));
	}

	@Test
	void withoutBudgetsAStreamPassesWhollyAndAFailedOneRecordsNothing() {
		RecordingSink client = new RecordingSink();
		StreamSink sink = accounting.aroundStream(call(null), client);

		sink.delta("x".repeat(10_000));
		sink.fail(new RampartException(ErrorCode.PROVIDER_CALL_FAILED, "broken"));

		assertThat(client.deltas).hasSize(1);
		assertThat(client.failures).hasSize(1);
		assertThat(recorded).isEmpty();
	}

	@Test
	void theSumsIgnoreACallFromAnotherDay() {
		spent.add("a1", NOW.minus(Duration.ofDays(1)), 50, 50);
		spent.add("a1", NOW, 5, 7);

		assertThat(spent.of("a1", Period.DAY)).isEqualTo(new UsageLedger.Totals(5, 7));
		assertThat(spent.of(null, Period.MONTH)).isEqualTo(new UsageLedger.Totals(5, 7));
		assertThat(spent.of("a2", Period.DAY)).isEqualTo(new UsageLedger.Totals(0, 0));
	}
}
