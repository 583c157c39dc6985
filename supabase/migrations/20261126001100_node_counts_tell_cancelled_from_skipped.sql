-- The flow diagram counted a step closed by a cancel (skipped, reason "execution cancelled")
-- as skipped, beside the branches not taken. It now counts those as cancelled: a step's
-- outcome is its status, except for that one case. Same counters, same rules otherwise (one
-- count per execution and node, its latest finished attempt's).
create or replace function private.step_outcome(status text, result jsonb)
returns text
language sql immutable set search_path = '' as $$
  select case
    when status = 'skipped' and result ->> 'reason' = 'execution cancelled' then 'cancelled'
    when status in ('success', 'failed', 'skipped') then status
  end
$$;

-- What a node counted for an execution before `attempt` began: its latest earlier finished
-- attempt's outcome. A finished retry of the node replaces it (the engine only ever writes an
-- execution's current attempt).
create or replace function private.earlier_outcome(p_execution_id uuid, p_node_id text, p_attempt integer)
returns text
language sql stable set search_path = '' as $$
  select private.step_outcome(s.status, s.result)
    from public.flow_execution_steps s
   where s.execution_id = p_execution_id and s.node_id = p_node_id and s.attempt < p_attempt
     and private.step_outcome(s.status, s.result) is not null
   order by s.attempt desc
   limit 1
$$;

alter table public.flow_node_counts drop constraint flow_node_counts_status_check;
alter table public.flow_node_counts
  add constraint flow_node_counts_status_check check (status in ('success', 'failed', 'skipped', 'cancelled'));

create or replace function private.count_inserted_steps() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.flow_node_counts as c (flow_id, workspace_id, node_id, status, shard, n)
  select x.flow_id, x.workspace_id, x.node_id, x.outcome, floor(random() * 16), sum(x.n)
    from (
      select i.flow_id, i.workspace_id, i.node_id, private.step_outcome(i.status, i.result) as outcome, 1 as n
        from inserted i
       where private.step_outcome(i.status, i.result) is not null
      union all
      -- A finished retry of a node replaces what its earlier attempt counted.
      select i.flow_id, i.workspace_id, i.node_id, earlier.outcome, -1
        from inserted i
        cross join lateral private.earlier_outcome(i.execution_id, i.node_id, i.attempt) as earlier (outcome)
       where i.attempt > 1 and private.step_outcome(i.status, i.result) is not null and earlier.outcome is not null
    ) x
   group by x.flow_id, x.workspace_id, x.node_id, x.outcome
  having sum(x.n) <> 0
   order by x.flow_id, x.node_id, x.outcome
  on conflict (flow_id, node_id, status, shard) do update set n = c.n + excluded.n;
  return null;
end
$$;

create or replace function private.count_step_outcome() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  counted_before text := private.step_outcome(old.status, old.result);
  counted_after text := private.step_outcome(new.status, new.result);
  earlier_attempt text;
begin
  if new.attempt > 1 then
    earlier_attempt := private.earlier_outcome(new.execution_id, new.node_id, new.attempt);
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

create or replace function private.uncount_deleted_steps() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  with touched as (
    select distinct d.execution_id, d.node_id from deleted d where private.step_outcome(d.status, d.result) is not null
  ),
  surviving as (
    select s.execution_id, s.node_id, s.attempt, private.step_outcome(s.status, s.result) as outcome,
           s.flow_id, s.workspace_id
      from touched t
      join public.flow_execution_steps s on s.execution_id = t.execution_id and s.node_id = t.node_id
     where private.step_outcome(s.status, s.result) is not null
  ),
  counted_before as (
    select distinct on (r.execution_id, r.node_id) r.flow_id, r.workspace_id, r.node_id, r.outcome
      from (select d.execution_id, d.node_id, d.attempt, private.step_outcome(d.status, d.result) as outcome,
                   d.flow_id, d.workspace_id
              from deleted d where private.step_outcome(d.status, d.result) is not null
            union all
            select * from surviving) r
     order by r.execution_id, r.node_id, r.attempt desc
  ),
  counted_after as (
    select distinct on (s.execution_id, s.node_id) s.flow_id, s.workspace_id, s.node_id, s.outcome
      from surviving s
     order by s.execution_id, s.node_id, s.attempt desc
  ),
  change as (
    select x.flow_id, x.workspace_id, x.node_id, x.outcome, sum(x.n) as n
      from (select b.*, -1 as n from counted_before b union all select a.*, 1 from counted_after a) x
     group by x.flow_id, x.workspace_id, x.node_id, x.outcome
    having sum(x.n) <> 0
  )
  insert into public.flow_node_counts as c (flow_id, workspace_id, node_id, status, shard, n)
  select change.flow_id, change.workspace_id, change.node_id, change.outcome, floor(random() * 16), change.n
    from change
  on conflict (flow_id, node_id, status, shard) do update set n = c.n + excluded.n;
  return null;
end
$$;

-- A step's outcome can change with its result too (a cancel closes it with both at once).
drop trigger flow_execution_steps_count_status on public.flow_execution_steps;
create trigger flow_execution_steps_count_status after update of status, result on public.flow_execution_steps
  for each row when (private.step_outcome(old.status, old.result) is distinct from private.step_outcome(new.status, new.result))
  execute function private.count_step_outcome();

-- What the counters hold already changes only for a node whose latest finished attempt was
-- closed by a cancel: its count moves from skipped to cancelled. (Reading just those steps
-- takes seconds at 5M steps, where a full recount held off the engine for a minute and a half.)
-- Replacing the trigger above holds off the engine's writes to the steps until this commits.
with moved as (
  select s.flow_id, s.workspace_id, s.node_id, count(*) as n
    from public.flow_execution_steps s
   where s.status = 'skipped' -- the cheap test first: only skipped steps can be cancelled ones
     and private.step_outcome(s.status, s.result) = 'cancelled'
     and not exists (
       select 1 from public.flow_execution_steps later
        where later.execution_id = s.execution_id and later.node_id = s.node_id and later.attempt > s.attempt
          and private.step_outcome(later.status, later.result) is not null)
   group by s.flow_id, s.workspace_id, s.node_id
)
insert into public.flow_node_counts as c (flow_id, workspace_id, node_id, status, shard, n)
select moved.flow_id, moved.workspace_id, moved.node_id, change.status, 0, change.n
  from moved
  cross join lateral (values ('skipped', -moved.n), ('cancelled', moved.n)) as change (status, n)
on conflict (flow_id, node_id, status, shard) do update set n = c.n + excluded.n;

drop function public.flow_node_stats(uuid);
create function public.flow_node_stats(p_flow_id uuid)
returns table (node_id text, success bigint, failed bigint, skipped bigint, cancelled bigint, waiting bigint)
language sql stable security definer set search_path = '' as $$
  with readable as (
    select f.id from public.flows f where f.id = p_flow_id and private.can_read_workspace(f.workspace_id)
  ),
  finished as (
    select c.node_id,
           sum(c.n) filter (where c.status = 'success') as success,
           sum(c.n) filter (where c.status = 'failed') as failed,
           sum(c.n) filter (where c.status = 'skipped') as skipped,
           sum(c.n) filter (where c.status = 'cancelled') as cancelled
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
         coalesce(f.cancelled, 0)::bigint,
         coalesce(w.waiting, 0)::bigint
    from finished f
    full join waiting w on w.node_id = f.node_id
   order by 1
$$;
revoke execute on function public.flow_node_stats(uuid) from public, anon;
grant execute on function public.flow_node_stats(uuid) to authenticated, service_role;
