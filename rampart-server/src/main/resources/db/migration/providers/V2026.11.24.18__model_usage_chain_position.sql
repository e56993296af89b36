-- Which model of the call's chain served it (docs/providers.md, "Fallback chains"): 0 for the primary, 1 for the
-- first fallback, ... The row's provider and model are always those that served (and charged) the call.
alter table model_usage add column chain_position smallint not null default 0 check (chain_position between 0 and 4);
