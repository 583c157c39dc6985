-- The lists across flows (Executions, Execution Logs) and Contacts read newest first. The
-- admin names a member's only workspace, and the (workspace_id, created_at desc, id desc)
-- indexes serve that; a member of several workspaces reads them through Row Level Security
-- alone (`workspace_id in (my workspaces)`), which no workspace-first index orders: Postgres
-- sorted every execution, or every step, for a page of 25 (9.7 s and 16.8 s at 1M executions
-- and 5M steps). Newest-first indexes let it read the newest rows and stop at the page
-- (about 1 ms). Building them took 1 s and 4 s on that data, holding off writes meanwhile.

create index flow_executions_created_idx on public.flow_executions (created_at desc, id desc);
create index flow_execution_steps_created_idx on public.flow_execution_steps (created_at desc, id desc);
create index contacts_created_idx on public.contacts (created_at desc, id desc);
