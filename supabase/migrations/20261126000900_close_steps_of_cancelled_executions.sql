-- cancel-executions now closes the step a cancelled execution was on (a delay waiting, a send in
-- flight) as skipped. Executions cancelled before that kept such a step `running`, which showed in
-- the logs, the Running filter and on the diagram as running for ever: close those the same way.
update public.flow_execution_steps s
   set status = 'skipped',
       completed_at = greatest(coalesce(e.completed_at, now()), s.started_at),
       result = coalesce(s.result, '{}'::jsonb) || '{"reason": "execution cancelled"}'::jsonb
  from public.flow_executions e
 where e.id = s.execution_id
   and e.status = 'cancelled'
   and s.status in ('pending', 'running');
