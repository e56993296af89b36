-- Replays (docs/runs.md, "Recording and replay"): POST /runs/{id}/replay creates a new run of the same target, pinned
-- version and input whose model calls, tool calls and workflow tool steps are answered from the original run's
-- recorded steps (run_steps input/output of kinds model_call and tool_call) instead of providers and tools.
--   replay_of  the original run, or null for a run that is not a replay
alter table runs add column replay_of uuid;
