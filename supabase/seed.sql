-- Demo data: runs once, on a fresh database (`npm start`), or on `supabase db reset`.
-- Demo login: support@acme.test / demo-password (workspace 15213, "Acme Marketing").
-- other@globex.test / demo-password belongs to workspace 90210 only, to show isolation.

insert into public.workspaces (id, name) values
  ('15213', 'Acme Marketing'),
  ('90210', 'Globex Retail');

insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
values
  ('00000000-0000-4000-8000-000000000001', 'authenticated', 'authenticated', 'support@acme.test',
   extensions.crypt('demo-password', extensions.gen_salt('bf')), now(),
   '{"provider": "email", "providers": ["email"]}', '{"name": "Sam Support"}'),
  ('00000000-0000-4000-8000-000000000002', 'authenticated', 'authenticated', 'other@globex.test',
   extensions.crypt('demo-password', extensions.gen_salt('bf')), now(),
   '{"provider": "email", "providers": ["email"]}', '{"name": "Olive Other"}');

insert into auth.identities (provider_id, user_id, identity_data, provider)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true), 'email'
from auth.users u
where u.id in ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002');

insert into public.workspace_members (workspace_id, user_id, role) values
  ('15213', '00000000-0000-4000-8000-000000000001', 'support'),
  ('90210', '00000000-0000-4000-8000-000000000002', 'admin');

insert into public.flows (id, workspace_id, name, description, status, definition) values
(
  '10000000-0000-4000-8000-000000000001', '15213', 'Welcome series',
  'Welcome email, wait two days, then getting-started tips.', 'active',
  '{
    "nodes": [
      {"id": "trigger", "type": "trigger", "position": {"x": 0, "y": 0}, "config": {}},
      {"id": "welcome_email", "type": "send_email", "position": {"x": 0, "y": 120},
       "config": {"subject": "Welcome to Acme, {{contact.name}}", "body": "Thanks for joining us."}},
      {"id": "wait_2_days", "type": "delay", "position": {"x": 0, "y": 240}, "config": {"amount": 2, "unit": "days"}},
      {"id": "tips_email", "type": "send_email", "position": {"x": 0, "y": 360},
       "config": {"subject": "Getting started with Acme", "body": "Three tips to get the most out of Acme."}},
      {"id": "done", "type": "exit", "position": {"x": 0, "y": 480}, "config": {}}
    ],
    "edges": [
      {"id": "e1", "source": "trigger", "target": "welcome_email"},
      {"id": "e2", "source": "welcome_email", "target": "wait_2_days"},
      {"id": "e3", "source": "wait_2_days", "target": "tips_email"},
      {"id": "e4", "source": "tips_email", "target": "done"}
    ]
  }'
),
(
  '10000000-0000-4000-8000-000000000002', '15213', 'Appointment reminder (SMS)',
  'Text the contact a reminder of their appointment.', 'active',
  '{
    "nodes": [
      {"id": "trigger", "type": "trigger", "position": {"x": 0, "y": 0}, "config": {}},
      {"id": "reminder_sms", "type": "send_sms", "position": {"x": 0, "y": 120},
       "config": {"body": "Hi {{contact.name}}, a reminder of your appointment tomorrow. Reply STOP to opt out."}},
      {"id": "done", "type": "exit", "position": {"x": 0, "y": 240}, "config": {}}
    ],
    "edges": [
      {"id": "e1", "source": "trigger", "target": "reminder_sms"},
      {"id": "e2", "source": "reminder_sms", "target": "done"}
    ]
  }'
),
(
  '10000000-0000-4000-8000-000000000003', '15213', 'VIP check',
  'VIP contacts get a personal email; everyone else gets an SMS.', 'active',
  '{
    "nodes": [
      {"id": "trigger", "type": "trigger", "position": {"x": 150, "y": 0}, "config": {}},
      {"id": "is_vip", "type": "condition", "position": {"x": 150, "y": 120},
       "config": {"field": "tags", "operator": "contains", "value": "vip"}},
      {"id": "tag_vip", "type": "add_tag", "position": {"x": 0, "y": 240}, "config": {"tag": "vip-welcomed"}},
      {"id": "vip_email", "type": "send_email", "position": {"x": 0, "y": 360},
       "config": {"subject": "A personal hello from Acme", "body": "As one of our VIPs, you get early access."}},
      {"id": "standard_sms", "type": "send_sms", "position": {"x": 300, "y": 240},
       "config": {"body": "Hi {{contact.name}}, thanks for being with Acme!"}},
      {"id": "done", "type": "exit", "position": {"x": 150, "y": 480}, "config": {}}
    ],
    "edges": [
      {"id": "e1", "source": "trigger", "target": "is_vip"},
      {"id": "e2", "source": "is_vip", "target": "tag_vip", "branch": "yes"},
      {"id": "e3", "source": "is_vip", "target": "standard_sms", "branch": "no"},
      {"id": "e4", "source": "tag_vip", "target": "vip_email"},
      {"id": "e5", "source": "vip_email", "target": "done"},
      {"id": "e6", "source": "standard_sms", "target": "done"}
    ]
  }'
),
(
  '10000000-0000-4000-8000-000000000004', '15213', 'Quick follow-up (1 minute)',
  'Email, wait one minute, email again: the manual test path in a minute.', 'active',
  '{
    "nodes": [
      {"id": "trigger", "type": "trigger", "position": {"x": 0, "y": 0}, "config": {}},
      {"id": "first_email", "type": "send_email", "position": {"x": 0, "y": 120},
       "config": {"subject": "Thanks for your interest", "body": "We will follow up in a minute."}},
      {"id": "wait_1_minute", "type": "delay", "position": {"x": 0, "y": 240}, "config": {"amount": 1, "unit": "minutes"}},
      {"id": "follow_up_email", "type": "send_email", "position": {"x": 0, "y": 360},
       "config": {"subject": "As promised, a follow-up", "body": "Here is the follow-up."}}
    ],
    "edges": [
      {"id": "e1", "source": "trigger", "target": "first_email"},
      {"id": "e2", "source": "first_email", "target": "wait_1_minute"},
      {"id": "e3", "source": "wait_1_minute", "target": "follow_up_email"}
    ]
  }'
),
(
  '10000000-0000-4000-8000-000000000005', '15213', 'Win-back (draft)',
  'Not live yet: re-engage contacts who went quiet.', 'draft',
  '{
    "nodes": [
      {"id": "trigger", "type": "trigger", "position": {"x": 0, "y": 0}, "config": {}},
      {"id": "winback_email", "type": "send_email", "position": {"x": 0, "y": 120},
       "config": {"subject": "We miss you", "body": "Here is 10% off your next order."}}
    ],
    "edges": [{"id": "e1", "source": "trigger", "target": "winback_email"}]
  }'
),
(
  '20000000-0000-4000-8000-000000000001', '90210', 'Globex onboarding',
  'Another workspace''s flow: the Acme user must never see it.', 'active',
  '{
    "nodes": [
      {"id": "trigger", "type": "trigger", "position": {"x": 0, "y": 0}, "config": {}},
      {"id": "hello_email", "type": "send_email", "position": {"x": 0, "y": 120},
       "config": {"subject": "Welcome to Globex", "body": "Hello!"}}
    ],
    "edges": [{"id": "e1", "source": "trigger", "target": "hello_email"}]
  }'
);

-- 60 Acme contacts and 12 Globex contacts with varied names, emails, phones and tags.
with first_names(n, name) as (
  select row_number() over (), name from unnest(array[
    'Ava', 'Ben', 'Chloe', 'Diego', 'Elena', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jade',
    'Kofi', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'
  ]) as name
), last_names(n, name) as (
  select row_number() over (), name from unnest(array['Nguyen', 'Okafor', 'Schmidt', 'Rossi', 'Tanaka', 'Silva']) as name
), tag_sets(n, tags) as (
  select row_number() over (), tags from (values
    (array['vip', 'newsletter']), (array['newsletter']), (array['trial']), (array[]::text[]),
    (array['vip']), (array['customer', 'newsletter']), (array['customer'])
  ) as t(tags)
)
insert into public.contacts (workspace_id, name, email, phone, tags, created_at)
select
  ws.id,
  f.name || ' ' || l.name,
  lower(f.name || '.' || l.name || i || '@' || ws.domain),
  '+1555' || lpad((ws.phone_base + i)::text, 7, '0'),
  t.tags,
  now() - make_interval(days => i)
from (values ('15213', 'example.com', 60, 100000), ('90210', 'globex.example', 12, 200000))
  as ws(id, domain, how_many, phone_base)
cross join lateral generate_series(1, ws.how_many) as i
join first_names f on f.n = 1 + (i * 7) % 20
join last_names l on l.n = 1 + (i * 5) % 6
join tag_sets t on t.n = 1 + i % 7;

-- Contacts whose messages fail on purpose (fail.example, +1555999…), so the demo has
-- failures to look at and retry.
insert into public.contacts (workspace_id, name, email, phone, tags) values
  ('15213', 'Bounce Back', 'bounce@fail.example', '+15559990001', array['newsletter']),
  ('15213', 'Nora Noreply', 'noreply@fail.example', '+15559990002', array['trial']),
  ('15213', 'Vic Voicemail', 'vic.voicemail@example.com', '+15559990003', array['vip']);
