-- Tracing across the queue (docs/observability.md): the W3C traceparent of the request that enqueued the run, so the
-- run's span, on whatever node claims it and on every later claim (a resume, a takeover), belongs to that trace.
--   traceparent  "00-<trace id>-<span id>-<flags>", or null when the run was enqueued outside a trace
alter table runs add column traceparent text;
