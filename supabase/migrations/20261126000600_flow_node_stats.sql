-- Per-node outcomes for the flow diagram: how many executions finished each node with
-- success, failed or skipped, kept by trigger in 16 random shards like
-- flow_execution_counts (grouping a million executions' steps per page view is too slow,
-- and an index on the steps' status would cost the engine its HOT updates). How many wait
-- at a node is read live from the running executions' current_node_id.
--
-- An execution counts once per node, with its latest finished attempt: a retry from the
-- failed step that succeeds replaces the failure it retried, so the node counts agree with
-- the executions' own statuses. The engine only ever writes an execution's current (highest)
-- attempt, which the trigger relies on.
create table public.flow_node_counts (
  flow_id uuid not null,
  workspace_id text not null,
  node_id text not null,
  status text not null check (status in ('success', 'failed', 'skipped')),
  shard smallint not null check (shard between 0 and 15),
  n bigint not null default 0,
  primary key (flow_id, node_id, status, shard)
);
alter table public.flow_node_counts enable row level security;
-- Read through flow_node_stats() only.
revoke all on public.flow_node_counts from anon, authenticated;

-- Inserts count per statement: the engine records a run's instant steps (and outbox sends)
-- in one statement, which then pays one trigger call. Counter rows are taken in a fixed
-- order, so two statements never wait on each other in a cycle.
create or replace function private.count_inserted_steps() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.flow_node_counts as c (flow_id, workspace_id, node_id, status, shard, n)
  select x.flow_id, x.workspace_id, x.node_id, x.status, floor(random() * 16), sum(x.n)
    from (
      select i.flow_id, i.workspace_id, i.node_id, i.status, 1 as n
        from inserted i
       where i.status in ('success', 'failed', 'skipped')
      union all
      -- A finished retry of a node replaces what its earlier attempt counted.
      select i.flow_id, i.workspace_id, i.node_id, earlier.status, -1
        from inserted i
        cross join lateral (
          select s.status from public.flow_execution_steps s
           where s.execution_id = i.execution_id and s.node_id = i.node_id and s.attempt < i.attempt
             and s.status in ('success', 'failed', 'skipped')
           order by s.attempt desc
           limit 1
        ) earlier
       where i.attempt > 1 and i.status in ('success', 'failed', 'skipped')
    ) x
   group by x.flow_id, x.workspace_id, x.node_id, x.status
  having sum(x.n) <> 0
   order by x.flow_id, x.node_id, x.status
  on conflict (flow_id, node_id, status, shard) do update set n = c.n + excluded.n;
  return null;
end
$$;

-- Updates row by row, and only for rows that reach or leave a finished status: the engine's
-- running → success update pays one counter upsert; starting a step pays nothing.
create or replace function private.count_step_outcome() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  counted_before text := case when old.status in ('success', 'failed', 'skipped') then old.status end;
  counted_after text := case when new.status in ('success', 'failed', 'skipped') then new.status end;
  earlier_attempt text;
begin
  if new.attempt > 1 then
    select s.status into earlier_attempt
      from public.flow_execution_steps s
     where s.execution_id = new.execution_id and s.node_id = new.node_id and s.attempt < new.attempt
       and s.status in ('success', 'failed', 'skipped')
     order by s.attempt desc
     limit 1;
    counted_before := coalesce(counted_before, earlier_attempt);
    counted_after := coalesce(counted_after, earlier_attempt);
  end if;
  if counted_before is not distinct from counted_after then
    return null;
  end if;
  insert into public.flow_node_counts as c (flow_id, workspace_id, node_id, status, shard, n)
  select new.flow_id, new.workspace_id, new.node_id, change.status, floor(random() * 16), change.n
    from (values (counted_before, -1), (counted_after, 1)) as change (status, n)
   where change.status is not null
  on conflict (flow_id, node_id, status, shard) do update set n = c.n + excluded.n;
  return null;
end
$$;

-- Per statement: deleting an execution cascades to its steps in one statement. Whatever
-- attempts of a node survive the delete decide what it counts afterwards.
create or replace function private.uncount_deleted_steps() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  with touched as (
    select distinct d.execution_id, d.node_id from deleted d where d.status in ('success', 'failed', 'skipped')
  ),
  surviving as (
    select s.execution_id, s.node_id, s.attempt, s.status, s.flow_id, s.workspace_id
      from touched t
      join public.flow_execution_steps s on s.execution_id = t.execution_id and s.node_id = t.node_id
     where s.status in ('success', 'failed', 'skipped')
  ),
  counted_before as (
    select distinct on (r.execution_id, r.node_id) r.flow_id, r.workspace_id, r.node_id, r.status
      from (select d.execution_id, d.node_id, d.attempt, d.status, d.flow_id, d.workspace_id
              from deleted d where d.status in ('success', 'failed', 'skipped')
            union all
            select * from surviving) r
     order by r.execution_id, r.node_id, r.attempt desc
  ),
  counted_after as (
    select distinct on (s.execution_id, s.node_id) s.flow_id, s.workspace_id, s.node_id, s.status
      from surviving s
     order by s.execution_id, s.node_id, s.attempt desc
  ),
  change as (
    select x.flow_id, x.workspace_id, x.node_id, x.status, sum(x.n) as n
      from (select b.*, -1 as n from counted_before b union all select a.*, 1 from counted_after a) x
     group by x.flow_id, x.workspace_id, x.node_id, x.status
    having sum(x.n) <> 0
  )
  insert into public.flow_node_counts as c (flow_id, workspace_id, node_id, status, shard, n)
  select change.flow_id, change.workspace_id, change.node_id, change.status, floor(random() * 16), change.n
    from change
  on conflict (flow_id, node_id, status, shard) do update set n = c.n + excluded.n;
  return null;
end
$$;

create trigger flow_execution_steps_count_insert after insert on public.flow_execution_steps
  referencing new table as inserted for each statement execute function private.count_inserted_steps();
create trigger flow_execution_steps_count_status after update of status on public.flow_execution_steps
  for each row when (
    old.status is distinct from new.status
    and (old.status in ('success', 'failed', 'skipped') or new.status in ('success', 'failed', 'skipped'))
  )
  execute function private.count_step_outcome();
create trigger flow_execution_steps_count_delete after delete on public.flow_execution_steps
  referencing old table as deleted for each statement execute function private.uncount_deleted_steps();

-- The triggers above already hold off concurrent writers until this migration commits.
insert into public.flow_node_counts (flow_id, workspace_id, node_id, status, shard, n)
select latest.flow_id, latest.workspace_id, latest.node_id, latest.status, 0, count(*)
  from (select distinct on (s.execution_id, s.node_id) s.flow_id, s.workspace_id, s.node_id, s.status
          from public.flow_execution_steps s
         where s.status in ('success', 'failed', 'skipped')
         order by s.execution_id, s.node_id, s.attempt desc) latest
 group by latest.flow_id, latest.workspace_id, latest.node_id, latest.status;

-- One row per node that has any outcome or waiting execution; nodes without either are
-- left out (the diagram shows them with zeros). Empty for a flow the caller cannot read.
create or replace function public.flow_node_stats(p_flow_id uuid)
returns table (node_id text, success bigint, failed bigint, skipped bigint, waiting bigint)
language sql stable security definer set search_path = '' as $$
  with readable as (
    select f.id from public.flows f where f.id = p_flow_id and private.can_read_workspace(f.workspace_id)
  ),
  finished as (
    select c.node_id,
           sum(c.n) filter (where c.status = 'success') as success,
           sum(c.n) filter (where c.status = 'failed') as failed,
           sum(c.n) filter (where c.status = 'skipped') as skipped
      from public.flow_node_counts c
     where c.flow_id = (select id from readable)
     group by c.node_id
  ),
  waiting as (
    select e.current_node_id as node_id, count(*) as waiting
      from public.flow_executions e
     where e.flow_id = (select id from readable) and e.status = 'running' and e.current_node_id is not null
     group by e.current_node_id
  )
  select coalesce(f.node_id, w.node_id),
         coalesce(f.success, 0)::bigint,
         coalesce(f.failed, 0)::bigint,
         coalesce(f.skipped, 0)::bigint,
         coalesce(w.waiting, 0)::bigint
    from finished f
    full join waiting w on w.node_id = f.node_id
   order by 1
$$;
revoke execute on function public.flow_node_stats(uuid) from public, anon;
grant execute on function public.flow_node_stats(uuid) to authenticated, service_role;
