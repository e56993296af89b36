-- Long-term memories of agents (docs/memory.md), written by memory.internal.JdbcMemories. The rows are the source of
-- truth; the vector index under <data-dir>/memory-index is a cache rebuilt from them.
--   scope           '' = the whole agent, 'thread:<id>' or 'user:<id>' = only conversations of that thread or user
--   embedding       the vector as little-endian float32 (bytea: 1.5 KB for 384 dimensions, read without parsing,
--                   whereas real[] travels as text and costs a parse per number on a cold rebuild of 100,000 rows)
--   embedding_model 'local/all-minilm-l6-v2' or 'provider/model': vectors of different models are not comparable
--   content_hash    SHA-256 of the text: saving the same text in the same scope again touches the row
create table memories (
	id uuid primary key,
	tenant_id uuid not null references tenants (id) on delete cascade,
	agent_id uuid not null,
	scope text not null check (scope ~ '^((thread|user):[A-Za-z0-9][A-Za-z0-9._@:-]{0,127})?$'),
	text text not null check (length(text) between 1 and 8000),
	embedding bytea not null check (octet_length(embedding) between 8 and 16384 and octet_length(embedding) % 4 = 0),
	embedding_model text not null,
	importance real not null check (importance between 0 and 1),
	created_at timestamptz not null,
	last_accessed_at timestamptz not null,
	access_count bigint not null default 0 check (access_count >= 0),
	source text not null check (source in ('api', 'run', 'tool', 'summary')),
	run_id text,
	content_hash text not null,
	unique (tenant_id, agent_id, scope, content_hash)
);

-- newest first (list), and every per-agent scan: count, eviction (score over importance, last access, uses), purge
create index memories_agent_created on memories (tenant_id, agent_id, created_at desc, id desc);
-- No GIN index on to_tsvector('simple', text) for keyword match: under forced row-level security the planner may not
-- use a non-leakproof operator such as @@ as an index condition ahead of the policy, so the application role would
-- never use it (measured: a bitmap scan of the agent's 5,000 rows with @@ as a filter). Search blends keywords into the
-- vector candidates instead (docs/memory.md).

alter table memories enable row level security;
alter table memories force row level security;
create policy tenant_isolation on memories using (tenant_id = rampart_tenant() or rampart_system())
	with check (tenant_id = rampart_tenant() or rampart_system());
