-- Fills workspace 15213 with 200,000 contacts, 5 flows, 1,000,000 executions and
-- 5,000,000 steps, in plain SQL. Triggers and foreign-key checks are off for the fill
-- (session_replication_role = replica), so the copied keys are written explicitly.
set session_replication_role = replica;
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '1GB';

insert into public.contacts (workspace_id, name, email, phone, tags, created_at)
select '15213',
       (array['Ava','Ben','Chloe','Diego','Elena','Farah','Gus','Hana','Ivan','Jade','Kofi','Lena','Mateo','Nora','Omar','Priya','Quinn','Rosa','Sven','Tara'])[1 + i % 20]
         || ' ' || (array['Nguyen','Okafor','Schmidt','Rossi','Tanaka','Silva','Kowalski','Haddad','Moreau','Larsen'])[1 + (i / 20) % 10]
         || ' ' || i,
       'contact' || i || '@bench.example',
       '+1555' || lpad(i::text, 7, '0'),
       case when i % 10 = 0 then array['vip'] else array['newsletter'] end,
       now() - make_interval(days => i % 365)
  from generate_series(1, 200000) as i;

insert into public.flows (id, workspace_id, name, status, definition)
select ('b0000000-0000-4000-8000-00000000000' || n)::uuid, '15213', 'Bench flow ' || n, 'active',
       '{"nodes": [{"id": "trigger", "type": "trigger", "config": {}}, {"id": "welcome", "type": "send_email", "config": {"subject": "Hi", "body": "Hello"}}, {"id": "wait", "type": "delay", "config": {"amount": 2, "unit": "days"}}, {"id": "text", "type": "send_sms", "config": {"body": "Hi"}}, {"id": "done", "type": "exit", "config": {}}], "edges": [{"id": "a", "source": "trigger", "target": "welcome"}, {"id": "b", "source": "welcome", "target": "wait"}, {"id": "c", "source": "wait", "target": "text"}, {"id": "d", "source": "text", "target": "done"}]}'
  from generate_series(1, 5) as n;

create temporary table bench_contacts as
select id, name, email, row_number() over (order by id) as rn
  from public.contacts where email like '%@bench.example';
create index on bench_contacts (rn);

insert into public.flow_executions
  (id, flow_id, workspace_id, contact_id, status, enrollment_reason, is_test, started_at, completed_at,
   current_node_id, next_execution_at, created_at, updated_at, metadata)
select gen_random_uuid(),
       ('b0000000-0000-4000-8000-00000000000' || (1 + i % 5))::uuid,
       '15213', c.id, s.status,
       (array['manual','scheduled','webhook'])[1 + i % 3],
       i % 50 = 0,
       t.at, case when s.status in ('completed','failed','cancelled') then t.at + interval '2 days' end,
       case s.status when 'running' then 'wait' when 'failed' then 'text' end,
       case when s.status = 'running' then t.at + interval '2 days' end,
       t.at, t.at,
       jsonb_build_object(
         'isTest', i % 50 = 0,
         'contact', jsonb_build_object('id', c.id, 'name', c.name, 'email', c.email),
         'trigger', jsonb_build_object('type', 'manual', 'source', 'bench', 'initiated_by', 'system'),
         'workflowDefinition', jsonb_build_object('nodes', '[{"id": "trigger", "type": "trigger"}, {"id": "welcome", "type": "send_email"}, {"id": "wait", "type": "delay"}, {"id": "text", "type": "send_sms"}, {"id": "done", "type": "exit"}]'::jsonb))
  from generate_series(1, 1000000) as i
  join bench_contacts c on c.rn = 1 + (i::bigint * 7919) % 200000
  cross join lateral (select now() - make_interval(secs => (i * 31.536)::int) as at) t
  cross join lateral (select case
      when i % 20 < 14 then 'completed' when i % 20 < 16 then 'running' when i % 20 < 18 then 'failed'
      when i % 20 = 18 then 'pending' else 'cancelled' end as status) s;

insert into public.flow_execution_steps
  (execution_id, node_id, node_type, status, attempt, started_at, completed_at, result, workspace_id, flow_id,
   contact_id, is_test, created_at, updated_at)
select e.id, n.node_id, n.node_type,
       case when e.status = 'failed' and n.k = 4 then 'failed'
            when e.status = 'running' and n.k = 3 then 'running'
            when e.status in ('running','failed') and n.k > 3 + (e.status = 'failed')::int then 'pending'
            else 'success' end,
       1, e.created_at + make_interval(secs => n.k), e.created_at + make_interval(secs => n.k + 1),
       case n.node_type when 'send_email' then jsonb_build_object('success', true, 'provider', 'outbox') end,
       e.workspace_id, e.flow_id, e.contact_id, e.is_test,
       e.created_at + make_interval(secs => n.k), e.created_at + make_interval(secs => n.k)
  from public.flow_executions e
  cross join (values (1, 'trigger', 'trigger'), (2, 'welcome', 'send_email'), (3, 'wait', 'delay'),
                     (4, 'text', 'send_sms'), (5, 'done', 'exit')) as n(k, node_id, node_type)
 where e.workspace_id = '15213' and e.flow_id::text like 'b0000000%';

-- The counting triggers were off too.
insert into public.flow_execution_counts (flow_id, workspace_id, status, shard, n)
select flow_id, workspace_id, status, 0, count(*) from public.flow_executions
 where flow_id::text like 'b0000000%' group by flow_id, workspace_id, status;
-- One attempt per step here, so every finished step counts.
insert into public.flow_node_counts (flow_id, workspace_id, node_id, status, shard, n)
select flow_id, workspace_id, node_id, status, 0, count(*) from public.flow_execution_steps
 where flow_id::text like 'b0000000%' and status in ('success', 'failed', 'skipped')
 group by flow_id, workspace_id, node_id, status;

set session_replication_role = origin;
