-- One notification per event that several nodes (or one node twice) may report (docs/notifications.md, "Once per
-- cluster"): dedupe_key names the event (quota:<tenant>:<quota>:<window>:80, run_admission:<node>:<episode>); a second
-- insert with a key the tenant already has is skipped (insert ... on conflict do nothing). Null for every other notice.
alter table notifications add column dedupe_key text check (dedupe_key is null or length(dedupe_key) <= 200);

create unique index notifications_dedupe on notifications (tenant_id, dedupe_key) where dedupe_key is not null;
