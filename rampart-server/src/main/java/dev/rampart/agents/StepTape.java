package dev.rampart.agents;

import org.jspecify.annotations.Nullable;

/**
 * Recorded answers an agent step takes instead of calling a model or a tool (docs/runs.md, "Recording and replay"): a
 * replay answers every call from the original run's record, and a step taken over after a lost lease answers the calls
 * its lost attempt completed, then goes on live. The step asks by place (the round, the call's position in it) and
 * checks that the recorded call is the same (tool and arguments); a {@link #strict()} tape (a replay) fails the step
 * with {@code REPLAY_DIVERGED} where the step asks for anything it does not hold, a lenient one lets the step call live.
 */
public interface StepTape {

	/** Nothing recorded: every call is live. */
	StepTape LIVE = new StepTape() {
		@Override
		public StepRecord.@Nullable ModelResponse model(int round) {
			return null;
		}

		@Override
		public StepRecord.@Nullable ToolResult tool(int round, int position) {
			return null;
		}

		@Override
		public boolean strict() {
			return false;
		}
	};

	/** The recorded response of the round's model call, or null. */
	StepRecord.@Nullable ModelResponse model(int round);

	/** The recorded result of the round's tool call at {@code position}, or null. */
	StepRecord.@Nullable ToolResult tool(int round, int position);

	/** Whether anything not on the tape is a divergence (a replay) rather than a live call (a takeover). */
	boolean strict();

	/** A short name of where the tape comes from, for divergence messages. */
	default String describe() {
		return "the recording";
	}
}
