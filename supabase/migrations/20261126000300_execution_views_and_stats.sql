-- The read side of the admin: one view per list the admin shows (Enrollment History and
-- Execution Logs, per flow or across flows); the stats function follows with its counters.
--
-- Access: the views state the tables' rule themselves (the caller's workspaces; everything
-- for service_role) instead of running with the caller's rights. Under Row Level Security,
-- Postgres may not evaluate a user's non-leakproof filter (ilike, ~*) before the policy, so
-- the contacts' trigram indexes could never serve a contact search; without it, a search
-- over a million executions starts from the matching contacts. The rule is the same one the
-- policies apply, and the views only ever read rows of those workspaces.

-- Test runs are filtered on steps too: copy the flag with the other execution keys.
alter table public.flow_execution_steps add column is_test boolean not null default false;
update public.flow_execution_steps s set is_test = true
  from public.flow_executions e where e.id = s.execution_id and e.is_test;

create or replace function public.copy_execution_keys_to_step() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  select e.workspace_id, e.flow_id, e.contact_id, e.is_test
    into new.workspace_id, new.flow_id, new.contact_id, new.is_test
    from public.flow_executions e
   where e.id = new.execution_id;
  if not found then
    raise foreign_key_violation using message = format('execution %s does not exist', new.execution_id);
  end if;
  return new;
end
$$;

create or replace function private.can_read_workspace(p_workspace_id text) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(auth.role() = 'service_role', false)
      or p_workspace_id in (select private.my_workspace_ids())
$$;
revoke all on function private.can_read_workspace(text) from public;
grant execute on function private.can_read_workspace(text) to authenticated, service_role;

create view public.execution_enrollments as
select
  e.id,
  e.flow_id,
  f.name as flow_name,
  e.workspace_id,
  e.contact_id,
  -- The contact as it is now (searchable through the contacts' trigram indexes), and the
  -- snapshot taken at enrollment, shown once the contact has been deleted.
  c.name as contact_name,
  c.email as contact_email,
  e.metadata -> 'contact' as contact_snapshot,
  e.enrollment_reason,
  e.metadata #>> '{trigger,source}' as enrollment_source,
  e.status,
  e.is_test,
  e.created_at as enrolled_at,
  e.started_at,
  e.completed_at,
  e.current_node_id,
  (select n ->> 'type'
     from jsonb_array_elements(e.metadata #> '{workflowDefinition,nodes}') as n
    where n ->> 'id' = e.current_node_id
    limit 1) as current_node_type,
  e.next_execution_at,
  e.attempt,
  e.retry_of,
  e.error,
  e.trigger_run_id,
  e.updated_at
from public.flow_executions e
left join public.contacts c on c.id = e.contact_id
left join public.flows f on f.id = e.flow_id
where e.workspace_id in (select private.my_workspace_ids())
   or (select auth.role()) = 'service_role';

create view public.execution_logs as
select
  s.id,
  s.execution_id,
  s.flow_id,
  f.name as flow_name,
  s.workspace_id,
  s.contact_id,
  c.name as contact_name,
  c.email as contact_email,
  s.node_id,
  s.node_type,
  s.status,
  s.attempt,
  s.is_test,
  coalesce(s.started_at, s.created_at) as executed_at,
  s.completed_at,
  s.duration_ms,
  s.result,
  s.error,
  s.created_at
from public.flow_execution_steps s
left join public.contacts c on c.id = s.contact_id
left join public.flows f on f.id = s.flow_id
where s.workspace_id in (select private.my_workspace_ids())
   or (select auth.role()) = 'service_role';

-- Contact search goes contacts (trigram) → executions/steps by contact, newest first.
create index flow_execution_steps_contact_idx on public.flow_execution_steps (contact_id, created_at desc);


grant select on public.execution_enrollments, public.execution_logs to authenticated, service_role;
revoke all on public.execution_enrollments, public.execution_logs from anon;
