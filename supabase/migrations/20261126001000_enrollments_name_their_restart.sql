-- A failed execution that was restarted stays failed; its restart is another execution. The
-- lists showed it as any other failure and offered to retry it again (retry-executions skips it:
-- a failed attempt is retried once). `restarted_as` names the restart, so the admin can link to
-- it and leave it out of Retry. Looked up by flow_executions_retry_of_idx, only for the rows a
-- page reads: a query that does not select it (counts, exports) does not compute it.

create or replace view public.execution_enrollments as
select
  e.id,
  e.flow_id,
  f.name as flow_name,
  e.workspace_id,
  e.contact_id,
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
  case when e.current_node_id is not null then
    (select n ->> 'type'
       from jsonb_array_elements(e.metadata #> '{workflowDefinition,nodes}') as n
      where n ->> 'id' = e.current_node_id
      limit 1)
  end as current_node_type,
  e.next_execution_at,
  e.attempt,
  e.retry_of,
  e.error,
  e.trigger_run_id,
  e.updated_at,
  (select r.id from public.flow_executions r where r.retry_of = e.id order by r.created_at limit 1) as restarted_as
from public.flow_executions e
left join public.contacts c on c.id = e.contact_id
left join public.flows f on f.id = e.flow_id
where e.workspace_id in (select private.my_workspace_ids())
   or (select auth.role()) = 'service_role';
