-- Workflow runs (docs/runs.md, "Workflow runs"): a run's durable state besides its steps and events.
--   checkpoint     small flat jsonb of the run's state that is not a step's output: failed attempts per step key
--                  (attempt:<key>), final failures (failure:<key>), answers to approval/wait steps (answer:<key>), the
--                  step a waiting run waits on (waiting), resolved sub-workflow versions (child:<key>), the saga's phase
--                  and cause (phase, cause) and the retry epoch. Each transition merges only the keys it changed
--                  (checkpoint - removed || changed). Step outputs are not here: each is its run_steps row's output.
--   not_before     a queued run is not claimed before this instant (the delay before a step's next attempt)
--   wait_deadline  a waiting run is claimed again at this instant to take its step's timeout path
alter table runs add column checkpoint jsonb not null default '{}' check (jsonb_typeof(checkpoint) = 'object');
alter table runs add column not_before timestamptz;
alter table runs add column wait_deadline timestamptz;

-- the workers' poll for waiting runs whose deadline passed
create index runs_wait_deadline on runs (wait_deadline) where status = 'waiting' and wait_deadline is not null;
-- the takeover of compensating runs whose lease lapsed
create index runs_compensating on runs (lease_expires_at) where status = 'compensating';
