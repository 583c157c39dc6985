-- Live updates: the tables the admin watches are published to `supabase_realtime`, the
-- publication Supabase Realtime reads (the local stack's Realtime reads the same one).
-- Written to run unchanged on a Supabase project, where the publication already exists
-- (possibly FOR ALL TABLES, possibly with some of these tables already added by hand).

do $$
declare
  watched text[] := array['flow_executions', 'flow_execution_steps', 'contacts', 'flows', 'outbox_messages'];
  t text;
begin
  if not exists (select from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
  if (select puballtables from pg_publication where pubname = 'supabase_realtime') then
    return;
  end if;
  foreach t in array watched loop
    if not exists (
      select from pg_publication_tables
       where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = t
    ) then
      execute format('alter publication supabase_realtime add table public.%I', t);
    end if;
  end loop;
end
$$;

-- REPLICA IDENTITY FULL: logical decoding then carries the whole previous row of an UPDATE
-- or DELETE instead of only its primary key. Needed here for three reasons:
--  * DELETE: the row is gone when the change is delivered, so whether a subscriber may see
--    it is decided on the old row (its workspace_id against the subscriber's memberships,
--    through the table's own select policies). With only the key, deletes could not be
--    authorised and would reach nobody.
--  * UPDATE: `old` holds the previous status, so a live view can move a count from
--    "running" to "completed" without refetching.
--  * Large jsonb values (metadata, definition) that an UPDATE leaves untouched are not
--    repeated in the WAL for the new row; the old row fills them in, so `new` is complete.
-- Cost: each UPDATE/DELETE on these tables writes the old row to the WAL as well. Inserts
-- (most of the engine's writes: steps, outbox) cost nothing extra.
alter table public.flow_executions replica identity full;
alter table public.flow_execution_steps replica identity full;
alter table public.contacts replica identity full;
alter table public.flows replica identity full;
alter table public.outbox_messages replica identity full;
