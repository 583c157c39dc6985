-- A flow's definition and status change only through the save-flow function, which runs
-- the same validation as the engine (src/domain/flow-definition.ts): an invalid flow cannot
-- be saved or activated, whatever client writes it. Members still create drafts and rename
-- flows through the REST API; RLS still scopes every write to their workspaces.
revoke insert, update on public.flows from anon, authenticated;
grant insert (id, workspace_id, name, description) on public.flows to authenticated;
grant update (name, description) on public.flows to authenticated;
