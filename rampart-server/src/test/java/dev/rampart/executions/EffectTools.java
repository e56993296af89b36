package dev.rampart.executions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.rampart.shared.TenantId;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolResult;
import dev.rampart.tools.ToolSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two test tools with a side effect each — {@code wf_effect} does, {@code wf_undo} undoes — that count calls and
 * effects: an effect is one idempotency key, so a call repeated with the key it already used is a call, not an effect.
 * A test makes a name fail ({@link #failing}) or block once until released ({@link #blockOnce}).
 */
final class EffectTools implements ToolSource {

	/** One call: which tool, the name it was given, the idempotency key. */
	record Call(String tool, String name, String key) {
	}

	static final List<Call> CALLS = new CopyOnWriteArrayList<>();
	static final Set<String> failing = ConcurrentHashMap.newKeySet();
	static final Map<String, CountDownLatch> blockOnce = new ConcurrentHashMap<>();
	static final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();

	private static final JsonNode SCHEMA = JsonMapper.shared().readTree("""
			{"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}""");

	@Override
	public List<Tool> tools(TenantId tenant) {
		return List.of(tool("wf_effect"), tool("wf_undo"));
	}

	/** The names {@code tool} was called with, in call order, each effect once (repeated idempotency keys dropped). */
	static List<String> effects(String tool, String prefix) {
		return CALLS.stream().filter(call -> call.tool().equals(tool) && call.name().startsWith(prefix))
			.filter(distinctKeys()).map(Call::name).toList();
	}

	/** Every call of {@code tool} with {@code name}, repeats included. */
	static List<Call> calls(String tool, String name) {
		return CALLS.stream().filter(call -> call.tool().equals(tool) && call.name().equals(name)).toList();
	}

	private static java.util.function.Predicate<Call> distinctKeys() {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		return call -> seen.add(call.key());
	}

	/** Makes the next call with {@code name} block until {@link #release}; returns the latch that says it arrived. */
	static CountDownLatch block(String name) {
		blockOnce.put(name, new CountDownLatch(1));
		CountDownLatch arrived = new CountDownLatch(1);
		entered.put(name, arrived);
		return arrived;
	}

	static void release(String name) {
		CountDownLatch latch = blockOnce.remove(name);
		if (latch != null) {
			latch.countDown();
		}
	}

	private static Tool tool(String name) {
		return new Tool() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public String description() {
				return "A test tool with a counted side effect.";
			}

			@Override
			public JsonNode parameters() {
				return SCHEMA;
			}

			@Override
			public String source() {
				return "test";
			}

			@Override
			public ToolResult call(ToolCall call) {
				String value = call.arguments().get("name").asString();
				CALLS.add(new Call(name, value, String.valueOf(call.idempotencyKey())));
				CountDownLatch arrived = entered.remove(value);
				CountDownLatch latch = blockOnce.get(value);
				if (arrived != null && latch != null) {
					arrived.countDown();
					try {
						latch.await(60, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				if (failing.contains(value)) {
					return ToolResult.failed("forced failure of " + value);
				}
				return ToolResult.ok("{\"done\": \"" + value + "\"}");
			}
		};
	}
}
