package dev.rampart.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.DatabaseOwner;
import dev.rampart.HttpProbe;
import dev.rampart.HttpProbe.Reply;
import dev.rampart.ServerSentEvents;
import dev.rampart.ServerSentEvents.Event;
import dev.rampart.ServerTest;
import dev.rampart.sim.LlmSimulator;
import dev.rampart.sim.ScriptRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The must-show of usage and budgets, over real HTTP against the built-in simulator: the recorded usage is
 * exactly what the simulator reported, its cost follows the configured price of {@code sim/sim-echo}
 * (application-test.yaml: 2.5 and 10 USD per million tokens), {@code GET /usage} groups it and shows one
 * tenant nothing of another's, and budgets refuse the next call (which never reaches the simulator) and stop
 * a stream at the limit.
 */
@ServerTest
class UsageAndBudgetsIT {

	private static final BigDecimal INPUT_PRICE = new BigDecimal("2.5");
	private static final BigDecimal OUTPUT_PRICE = BigDecimal.TEN;

	@LocalServerPort
	int port;

	@Autowired
	LlmSimulator sim;

	@Autowired
	DataSource dataSource;

	private HttpProbe owner;
	private List<ScriptRule> rulesBefore;

	@BeforeEach
	void ownTenant() {
		owner = newOwner();
		rulesBefore = sim.control().rules();
	}

	@AfterEach
	void restoreRules() {
		sim.control().setRules(rulesBefore);
	}

	private HttpProbe newOwner() {
		String name = "usage-" + UUID.randomUUID().toString().substring(0, 8);
		return HttpProbe.ownerOfNewTenant(port, name, name + "@example.org", "amber-falcon-river-41");
	}

	private static Reply chat(HttpProbe probe, String content, boolean stream) {
		return probe.json("POST", "/api/v1/providers/sim/chat", "{\"model\":\"sim-echo\",\"stream\":" + stream
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}");
	}

	private static String cost(long input, long output) {
		return INPUT_PRICE.multiply(BigDecimal.valueOf(input))
			.add(OUTPUT_PRICE.multiply(BigDecimal.valueOf(output)))
			.setScale(0, RoundingMode.HALF_UP)
			.movePointLeft(6)
			.toPlainString();
	}

	@Test
	void usageIsWhatTheSimulatorReportedAndCostsTheConfiguredPrice() {
		Reply whole = chat(owner, "count the tokens of this sentence please", false);
		assertThat(whole.status()).as(whole.body()).isEqualTo(200);
		Reply streamed = chat(owner, "and of this streamed one, which is a little longer than the first", true);
		assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
		JsonNode first = whole.json().get("usage");
		JsonNode second = ServerSentEvents.parse(streamed.body()).getLast().data().get("usage");
		long input = first.get("inputTokens").asLong() + second.get("inputTokens").asLong();
		long output = first.get("outputTokens").asLong() + second.get("outputTokens").asLong();
		assertThat(first.get("inputTokens").asLong()).isPositive();
		assertThat(second.get("outputTokens").asLong()).isPositive();

		Reply usage = owner.get("/api/v1/usage?groupBy=model");

		assertThat(usage.status()).as(usage.body()).isEqualTo(200);
		JsonNode items = usage.json().get("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("key").asString()).isEqualTo("sim/sim-echo");
		assertThat(items.get(0).get("inputTokens").asLong()).isEqualTo(input);
		assertThat(items.get(0).get("outputTokens").asLong()).isEqualTo(output);
		assertThat(items.get(0).get("calls").asLong()).isEqualTo(2);
		long firstCost = new BigDecimal(cost(first.get("inputTokens").asLong(), first.get("outputTokens").asLong()))
			.movePointRight(6).longValueExact();
		long secondCost = new BigDecimal(cost(second.get("inputTokens").asLong(), second.get("outputTokens").asLong()))
			.movePointRight(6).longValueExact();
		assertThat(items.get(0).get("costUsd").asString()).isEqualTo(BigDecimal.valueOf(firstCost + secondCost, 6).toPlainString());
		assertThat(usage.json().get("total").get("calls").asLong()).isEqualTo(2);
		assertThat(usage.json().get("total").get("costUsd").asString()).isEqualTo(items.get(0).get("costUsd").asString());
		assertThat(usage.json().get("groupBy").asString()).isEqualTo("model");

		List<Map<String, Object>> rows = DatabaseOwner.jdbc(dataSource)
			.sql("select principal, provider, model, agent_id, run_id from model_usage where input_tokens = :input "
					+ "and output_tokens = :output order by at")
			.param("input", first.get("inputTokens").asInt())
			.param("output", first.get("outputTokens").asInt())
			.query()
			.listOfRows();
		assertThat(rows).anySatisfy(row -> {
			assertThat(row.get("principal").toString()).startsWith("user:");
			assertThat(row.get("provider")).isEqualTo("sim");
			assertThat(row.get("agent_id")).isNull();
			assertThat(row.get("run_id")).isNull();
		});
	}

	@Test
	void usageGroupsByDayProviderAndAgentAndNeverShowsAnotherTenantsCalls() {
		chat(owner, "one", false);
		chat(owner, "two", false);
		String today = LocalDate.now(ZoneOffset.UTC).toString();

		JsonNode byDay = owner.get("/api/v1/usage").json();
		JsonNode byProvider = owner.get("/api/v1/usage?groupBy=provider&from=" + today + "&to=" + today).json();
		JsonNode byAgent = owner.get("/api/v1/usage?groupBy=agent").json();

		assertThat(byDay.get("groupBy").asString()).isEqualTo("day");
		assertThat(byDay.get("items")).hasSize(1);
		assertThat(byDay.get("items").get(0).get("key").asString()).isEqualTo(today);
		assertThat(byDay.get("items").get(0).get("calls").asLong()).isEqualTo(2);
		assertThat(byProvider.get("items").get(0).get("key").asString()).isEqualTo("sim");
		assertThat(byAgent.get("items").get(0).get("key").isNull()).isTrue();

		HttpProbe other = newOwner();
		JsonNode theirs = other.get("/api/v1/usage").json();
		assertThat(theirs.get("items")).isEmpty();
		assertThat(theirs.get("total").get("calls").asLong()).isZero();
		assertThat(theirs.get("total").get("costUsd").asString()).isEqualTo("0.000000");
	}

	@Test
	void invalidReportParametersAreAllReportedAtOnce() {
		Reply bad = owner.get("/api/v1/usage?from=yesterday&groupBy=week");
		Reply tooLong = owner.get("/api/v1/usage?from=2024-01-01&to=2026-01-01");
		Reply reversed = owner.get("/api/v1/usage?from=2026-02-01&to=2026-01-01");

		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(bad.body()).contains("from").contains("groupBy");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).contains("366");
		assertThat(reversed.status()).isEqualTo(400);
	}

	@Test
	void invalidBudgetsAreAllReportedAtOnceAndValidOnesReadBack() {
		Reply bad = owner.json("PUT", "/api/v1/budgets", """
				{"budgets":[{"scope":"team","period":"day","maxTokens":5},
					{"scope":"agent","period":"week"},
					{"scope":"tenant","period":"day","maxCostUsd":0.0000001}]}""");

		assertThat(bad.status()).as(bad.body()).isEqualTo(400);
		assertThat(bad.body()).contains("budgets[0].scope").contains("budgets[1].agentId").contains("budgets[1].period")
			.contains("budgets[1].maxTokens").contains("budgets[2].maxCostUsd");

		Reply put = owner.json("PUT", "/api/v1/budgets", """
				{"budgets":[{"scope":"tenant","period":"month","maxTokens":100000,"maxCostUsd":12.5},
					{"scope":"agent","agentId":"agent-1","period":"day","maxCostUsd":"0.25"}]}""");
		assertThat(put.status()).as(put.body()).isEqualTo(200);

		JsonNode budgets = owner.get("/api/v1/budgets").json().get("budgets");
		assertThat(budgets).hasSize(2);
		assertThat(budgets.get(0).get("scope").asString()).isEqualTo("tenant");
		assertThat(budgets.get(0).get("maxCostUsd").asString()).isEqualTo("12.500000");
		assertThat(budgets.get(1).get("agentId").asString()).isEqualTo("agent-1");
		assertThat(budgets.get(1).get("maxTokens").isNull()).isTrue();
		assertThat(newOwner().get("/api/v1/budgets").json().get("budgets")).isEmpty();
		JsonNode audit = owner.get("/api/v1/audit-events?action=budgets.replaced").json().get("items");
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).get("details").get("before")).isEmpty();
		assertThat(audit.get(0).get("details").get("after").get(1).get("maxCostMicros").asLong()).isEqualTo(250_000);
	}

	@Test
	void aSpentTokenBudgetRefusesTheNextCallBeforeItReachesTheSimulator() {
		Reply first = chat(owner, "spend some tokens", false);
		long spent = first.json().get("usage").get("inputTokens").asLong() + first.json().get("usage").get("outputTokens").asLong();
		Reply put = owner.json("PUT", "/api/v1/budgets",
				"{\"budgets\":[{\"scope\":\"tenant\",\"period\":\"day\",\"maxTokens\":" + (spent + 1) + "}]}");
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		// below the budget by one token: admitted, and it spends the budget
		assertThat(chat(owner, "spend some more", false).status()).isEqualTo(200);
		long requestsBefore = sim.control().stats().requests();

		Reply refused = chat(owner, "one more", false);
		Reply refusedStream = chat(owner, "one more", true);

		assertThat(refused.status()).as(refused.body()).isEqualTo(429);
		assertThat(refused.json().get("code").asString()).isEqualTo("BUDGET_EXCEEDED");
		assertThat(refused.json().get("canRetry").asBoolean()).isTrue();
		assertThat(refused.json().get("estimatedRecoveryTime").asLong()).isBetween(1L, 86_400L);
		assertThat(refusedStream.status()).isEqualTo(429);
		assertThat(sim.control().stats().requests()).isEqualTo(requestsBefore);
		assertThat(newOwner().json("POST", "/api/v1/providers/sim/chat",
				"{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"another tenant\"}]}").status())
			.isEqualTo(200);
	}

	@Test
	void aCostBudgetRefusesOnceItsAmountIsSpent() {
		Reply put = owner.json("PUT", "/api/v1/budgets",
				"{\"budgets\":[{\"scope\":\"tenant\",\"period\":\"month\",\"maxCostUsd\":\"0.000001\"}]}");
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		assertThat(chat(owner, "this costs more than a micro-dollar", false).status()).isEqualTo(200);

		Reply refused = chat(owner, "and this is refused", false);

		assertThat(refused.status()).as(refused.body()).isEqualTo(429);
		assertThat(refused.json().get("code").asString()).isEqualTo("BUDGET_EXCEEDED");
		assertThat(refused.json().get("estimatedRecoveryTime").asLong()).isBetween(1L, 31L * 86_400L);
	}

	@Test
	void aStreamStopsWhenItsOutputPassesTheBudget() {
		String marker = "long-" + UUID.randomUUID();
		String longReply = "word ".repeat(400).trim();
		sim.control().addRule(ScriptRule.builder(marker).lastUserContains(marker).replyText(longReply).streamPieceChars(10).build());
		Reply put = owner.json("PUT", "/api/v1/budgets",
				"{\"budgets\":[{\"scope\":\"tenant\",\"period\":\"day\",\"maxTokens\":50}]}");
		assertThat(put.status()).as(put.body()).isEqualTo(200);

		Reply streamed = chat(owner, marker, true);

		assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
		List<Event> events = ServerSentEvents.parse(streamed.body());
		String text = ServerSentEvents.text(events);
		assertThat(text).isNotEmpty();
		// 50 tokens at 4 characters each: no more text than that passed
		assertThat(text.length()).isLessThanOrEqualTo(50 * 4);
		assertThat(longReply).startsWith(text);
		assertThat(events.getLast().name()).isEqualTo("error");
		assertThat(events.getLast().data().get("code").asString()).isEqualTo("BUDGET_EXCEEDED");
		assertThat(events).noneMatch(event -> event.name().equals("done"));
		// the provider's own figures for the whole stream were recorded, so the budget is now spent
		JsonNode usage = owner.get("/api/v1/usage").json().get("total");
		assertThat(usage.get("calls").asLong()).isEqualTo(1);
		assertThat(usage.get("outputTokens").asLong()).isGreaterThan(50);
		assertThat(chat(owner, "anything", false).status()).isEqualTo(429);
	}
}
