-- A workspace's viewers read everything their workspace holds and change nothing: contacts and
-- flows are written by owners, admins and support staff only (the functions check the same).

create or replace function private.my_editable_workspace_ids() returns setof text
language sql stable security definer set search_path = '' as $$
  select m.workspace_id from public.workspace_members m where m.user_id = auth.uid() and m.role <> 'viewer'
$$;
revoke all on function private.my_editable_workspace_ids() from public;
grant execute on function private.my_editable_workspace_ids() to authenticated, service_role;

drop policy "members add contacts" on public.contacts;
drop policy "members edit contacts" on public.contacts;
drop policy "members delete contacts" on public.contacts;
drop policy "members add flows" on public.flows;
drop policy "members edit flows" on public.flows;
drop policy "members delete flows" on public.flows;

create policy "editors add contacts" on public.contacts
  for insert to authenticated with check (workspace_id in (select private.my_editable_workspace_ids()));
create policy "editors edit contacts" on public.contacts
  for update to authenticated
  using (workspace_id in (select private.my_editable_workspace_ids()))
  with check (workspace_id in (select private.my_editable_workspace_ids()));
create policy "editors delete contacts" on public.contacts
  for delete to authenticated using (workspace_id in (select private.my_editable_workspace_ids()));

create policy "editors add flows" on public.flows
  for insert to authenticated with check (workspace_id in (select private.my_editable_workspace_ids()));
create policy "editors edit flows" on public.flows
  for update to authenticated
  using (workspace_id in (select private.my_editable_workspace_ids()))
  with check (workspace_id in (select private.my_editable_workspace_ids()));
create policy "editors delete flows" on public.flows
  for delete to authenticated using (workspace_id in (select private.my_editable_workspace_ids()));
