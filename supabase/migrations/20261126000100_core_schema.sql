-- Core schema for the flow executions admin: workspaces and their members, contacts,
-- flows, executions, steps, and the outbox that captures messages sent locally.
-- Statuses are exactly the seed's; src/domain mirrors them as typed constants.

create extension if not exists pgcrypto with schema extensions;
create extension if not exists pg_trgm with schema extensions;

create or replace function public.set_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create table public.workspaces (
  id text primary key check (length(id) between 1 and 64),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table public.workspace_members (
  workspace_id text not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'support' check (role in ('owner', 'admin', 'support', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create index workspace_members_user_idx on public.workspace_members (user_id);

create table public.contacts (
  id uuid primary key default gen_random_uuid(),
  workspace_id text not null references public.workspaces (id) on delete cascade,
  name text not null default '',
  email text,
  phone text,
  tags text[] not null default '{}',
  attributes jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contacts_workspace_created_idx on public.contacts (workspace_id, created_at desc);
create index contacts_name_trgm_idx on public.contacts using gin (name extensions.gin_trgm_ops);
create index contacts_email_trgm_idx on public.contacts using gin (email extensions.gin_trgm_ops);
create trigger contacts_updated_at before update on public.contacts
  for each row execute function public.set_updated_at();

create table public.flows (
  id uuid primary key default gen_random_uuid(),
  workspace_id text not null references public.workspaces (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  status text not null default 'draft' check (status in ('draft', 'active', 'paused', 'archived')),
  definition jsonb not null default '{"nodes": [], "edges": []}',
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index flows_workspace_idx on public.flows (workspace_id, updated_at desc);
create trigger flows_updated_at before update on public.flows
  for each row execute function public.set_updated_at();

create table public.flow_executions (
  id uuid primary key default gen_random_uuid(),
  -- A flow with history cannot be deleted (archive it instead); deleting its
  -- workspace removes everything, executions included, in one statement.
  flow_id uuid not null references public.flows (id),
  -- History outlives the contact: metadata keeps the contact snapshot.
  contact_id uuid references public.contacts (id) on delete set null,
  workspace_id text not null references public.workspaces (id) on delete cascade,
  status text not null default 'pending'
    check (status in ('pending', 'running', 'completed', 'failed', 'cancelled')),
  enrollment_reason text not null default 'manual' check (enrollment_reason in ('manual', 'scheduled', 'webhook')),
  is_test boolean not null default false,
  started_at timestamptz,
  completed_at timestamptz,
  current_node_id text,
  next_execution_at timestamptz,
  attempt integer not null default 1 check (attempt >= 1),
  retry_of uuid references public.flow_executions (id) on delete set null,
  trigger_run_id text,
  error text,
  result jsonb,
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (completed_at is null or started_at is null or completed_at >= started_at)
)
-- The engine updates a running execution at every node: free space on each page lets those
-- be HOT updates that touch none of the indexes.
with (fillfactor = 70);
create index flow_executions_flow_created_idx on public.flow_executions (flow_id, created_at desc, id desc);
create index flow_executions_flow_status_created_idx on public.flow_executions (flow_id, status, created_at desc);
create index flow_executions_workspace_created_idx on public.flow_executions (workspace_id, created_at desc, id desc);
create index flow_executions_workspace_status_created_idx
  on public.flow_executions (workspace_id, status, created_at desc);
create index flow_executions_contact_idx on public.flow_executions (contact_id, created_at desc);
create index flow_executions_retry_of_idx on public.flow_executions (retry_of) where retry_of is not null;
create trigger flow_executions_updated_at before update on public.flow_executions
  for each row execute function public.set_updated_at();

create table public.flow_execution_steps (
  id uuid primary key default gen_random_uuid(),
  execution_id uuid not null references public.flow_executions (id) on delete cascade,
  node_id text not null,
  node_type text not null,
  status text not null default 'pending' check (status in ('pending', 'running', 'success', 'failed', 'skipped')),
  attempt integer not null default 1 check (attempt >= 1),
  started_at timestamptz,
  completed_at timestamptz,
  -- bigint: a delay step can last longer than the 24.8 days an integer of ms holds.
  duration_ms bigint generated always as (
    (extract(epoch from (completed_at - started_at)) * 1000)::bigint
  ) stored,
  result jsonb,
  error text,
  -- Copied from the execution by trigger so RLS and the all-flows logs need no join. No
  -- foreign keys on workspace and flow: the execution's own keys already guarantee them, and
  -- a key-share lock on one hot flow row per step insert serialises a busy engine.
  workspace_id text not null,
  flow_id uuid not null,
  contact_id uuid references public.contacts (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (execution_id, node_id, attempt),
  check (completed_at is null or started_at is null or completed_at >= started_at)
)
-- Each step is written running, then finished: room for that update to be HOT.
with (fillfactor = 80);
-- Lookups by execution use the (execution_id, node_id, attempt) unique index.
create index flow_execution_steps_flow_created_idx on public.flow_execution_steps (flow_id, created_at desc, id desc);
create index flow_execution_steps_workspace_created_idx
  on public.flow_execution_steps (workspace_id, created_at desc, id desc);
create trigger flow_execution_steps_updated_at before update on public.flow_execution_steps
  for each row execute function public.set_updated_at();

-- Security definer so the lookup sees the execution whoever inserts: a caller without
-- rights then meets RLS (42501) rather than a misleading "does not exist".
create or replace function public.copy_execution_keys_to_step() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  select e.workspace_id, e.flow_id, e.contact_id
    into new.workspace_id, new.flow_id, new.contact_id
    from public.flow_executions e
   where e.id = new.execution_id;
  if not found then
    raise foreign_key_violation using message = format('execution %s does not exist', new.execution_id);
  end if;
  return new;
end
$$;
create trigger flow_execution_steps_copy_keys
  before insert or update of execution_id, workspace_id, flow_id on public.flow_execution_steps
  for each row execute function public.copy_execution_keys_to_step();

-- An execution belongs to one flow and workspace for life; the steps' copies rely on it.
create or replace function public.keep_execution_owner() returns trigger
language plpgsql as $$
begin
  if new.flow_id is distinct from old.flow_id or new.workspace_id is distinct from old.workspace_id then
    raise exception 'an execution cannot move to another flow or workspace'
      using errcode = 'check_violation';
  end if;
  return new;
end
$$;
create trigger flow_executions_keep_owner before update of flow_id, workspace_id on public.flow_executions
  for each row execute function public.keep_execution_owner();

-- Messages captured instead of sent when no email/SMS provider is configured.
create table public.outbox_messages (
  id uuid primary key default gen_random_uuid(),
  -- Like the steps' keys: no foreign key to the (hot) workspace row; a message goes with its
  -- execution, and so with the execution's workspace.
  workspace_id text not null,
  execution_id uuid not null references public.flow_executions (id) on delete cascade,
  node_id text,
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  subject text,
  body text not null default '',
  -- Derived from execution, node and attempt: the same send is captured once.
  idempotency_key text not null unique,
  created_at timestamptz not null default now()
);
create index outbox_messages_workspace_created_idx on public.outbox_messages (workspace_id, created_at desc);

-- Row Level Security ---------------------------------------------------------

create schema if not exists private;
grant usage on schema private to authenticated, service_role;

-- Evaluated once per query (an InitPlan), not once per row.
create or replace function private.my_workspace_ids() returns setof text
language sql stable security definer set search_path = '' as $$
  select m.workspace_id from public.workspace_members m where m.user_id = auth.uid()
$$;
revoke all on function private.my_workspace_ids() from public;
grant execute on function private.my_workspace_ids() to authenticated, service_role;

alter table public.workspaces enable row level security;
alter table public.workspace_members enable row level security;
alter table public.contacts enable row level security;
alter table public.flows enable row level security;
alter table public.flow_executions enable row level security;
alter table public.flow_execution_steps enable row level security;
alter table public.outbox_messages enable row level security;

create policy "members read their workspaces" on public.workspaces
  for select to authenticated using (id in (select private.my_workspace_ids()));

create policy "members read their workspace's members" on public.workspace_members
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

create policy "members read contacts" on public.contacts
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "members add contacts" on public.contacts
  for insert to authenticated with check (workspace_id in (select private.my_workspace_ids()));
create policy "members edit contacts" on public.contacts
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids()))
  with check (workspace_id in (select private.my_workspace_ids()));
create policy "members delete contacts" on public.contacts
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids()));

create policy "members read flows" on public.flows
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "members add flows" on public.flows
  for insert to authenticated with check (workspace_id in (select private.my_workspace_ids()));
create policy "members edit flows" on public.flows
  for update to authenticated
  using (workspace_id in (select private.my_workspace_ids()))
  with check (workspace_id in (select private.my_workspace_ids()));
create policy "members delete flows" on public.flows
  for delete to authenticated using (workspace_id in (select private.my_workspace_ids()));

-- Executions, steps and the outbox are written only by the engine (service_role).
create policy "members read executions" on public.flow_executions
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "members read steps" on public.flow_execution_steps
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));
create policy "members read the outbox" on public.outbox_messages
  for select to authenticated using (workspace_id in (select private.my_workspace_ids()));

-- Supabase's default privileges grant these already; stated here so the migration
-- means the same on a project whose defaults were changed.
grant select, insert, update, delete on all tables in schema public to anon, authenticated, service_role;
