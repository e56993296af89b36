-- Threads (docs/runs.md, "Threads"), written by executions.internal.JdbcThreads: a conversation with one agent whose
-- messages are agent runs with runs.thread_id = the thread's id (as text) and runs.user_id = the thread's user_id.
--   busy_policy  what a message does while the thread has a run queued, running or waiting: reject (409 THREAD_BUSY),
--                enqueue (queued; the claim starts it only after the thread's earlier runs ended), interrupt (cancel
--                the active runs, then enqueue).
-- Deleting a thread leaves its runs.
create table threads (
	tenant_id uuid not null references tenants (id) on delete cascade,
	id uuid not null,
	agent_id uuid not null,
	title text,
	user_id text,
	busy_policy text not null check (busy_policy in ('reject', 'enqueue', 'interrupt')),
	created_at timestamptz not null,
	created_by text not null,
	updated_at timestamptz not null,
	primary key (tenant_id, id)
);

-- GET /threads?agent=
create index threads_agent on threads (tenant_id, agent_id, id);

-- a thread's runs in order: its messages, its history, and the claim's "no earlier run of the thread still active"
create index runs_thread on runs (tenant_id, thread_id, id) where thread_id is not null;

alter table threads enable row level security;
alter table threads force row level security;
create policy tenant_isolation on threads using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
