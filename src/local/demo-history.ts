import type pg from "pg";
import { DEMO_LOGIN } from "../config/local-supabase.ts";

/** Seeded flows (supabase/seed.sql) the demo runs. */
const FLOWS = {
  welcome: "10000000-0000-4000-8000-000000000001",
  sms: "10000000-0000-4000-8000-000000000002",
  vip: "10000000-0000-4000-8000-000000000003",
  quick: "10000000-0000-4000-8000-000000000004",
} as const;

interface Enrollment {
  flowId: string;
  contactIds: string[];
  reason?: "manual" | "scheduled" | "webhook";
  source?: string;
  isTest?: boolean;
}

/**
 * Gives a fresh database realistic history by running the seeded flows for the seeded
 * contacts through the real path: sign in, enroll-contacts, the runner. The admin then
 * opens on completed, waiting, failed, cancelled and test executions.
 */
export async function createDemoHistory(apiUrl: string, anonKey: string, db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ id: string; email: string; phone: string; tags: string[] }>(
    "select id, email, phone, tags from public.contacts where workspace_id = '15213' order by created_at desc, id",
  );
  const failing = rows.filter((c) => c.email.endsWith("@fail.example") || c.phone.startsWith("+1555999"));
  const healthy = rows.filter((c) => !failing.includes(c));
  const ids = (list: typeof rows) => list.map((c) => c.id);

  const token = await signIn(apiUrl, anonKey);
  const enrollments: Enrollment[] = [
    { flowId: FLOWS.welcome, contactIds: ids(healthy.slice(0, 14)) },
    { flowId: FLOWS.welcome, contactIds: ids(failing.filter((c) => c.email.endsWith("@fail.example"))) },
    { flowId: FLOWS.sms, contactIds: ids(healthy.slice(14, 26)), reason: "scheduled", source: "daily_reminders" },
    { flowId: FLOWS.sms, contactIds: ids(failing.filter((c) => c.phone.startsWith("+1555999"))) },
    { flowId: FLOWS.vip, contactIds: ids(healthy.slice(26, 40)), reason: "webhook", source: "crm_sync" },
    { flowId: FLOWS.quick, contactIds: ids(healthy.slice(40, 46)) },
    { flowId: FLOWS.quick, contactIds: ids(healthy.slice(46, 49)), isTest: true, source: "flow_builder_test" },
    { flowId: FLOWS.vip, contactIds: ids(healthy.slice(49, 51)), isTest: true, source: "flow_builder_test" },
  ];
  let count = 0;
  const cancellable: string[] = [];
  for (const enrollment of enrollments) {
    if (enrollment.contactIds.length === 0) continue;
    const executions = await enroll(apiUrl, anonKey, token, enrollment);
    count += executions.length;
    if (enrollment.flowId === FLOWS.welcome && cancellable.length === 0) cancellable.push(...executions.slice(0, 3));
  }
  // Support staff stopped a few welcome series early.
  await db.query(
    `update public.flow_executions set status = 'cancelled', completed_at = now(), next_execution_at = null
      where id = any($1::uuid[]) and status in ('pending', 'running')`,
    [cancellable],
  );
  return count;
}

async function signIn(apiUrl: string, anonKey: string): Promise<string> {
  const res = await fetch(`${apiUrl}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { apikey: anonKey, "content-type": "application/json" },
    body: JSON.stringify(DEMO_LOGIN),
  });
  if (!res.ok) throw new Error(`demo sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function enroll(apiUrl: string, anonKey: string, token: string, body: Enrollment): Promise<string[]> {
  const res = await fetch(`${apiUrl}/functions/v1/enroll-contacts`, {
    method: "POST",
    headers: { apikey: anonKey, authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`demo enrollment failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { executions: { id: string }[] }).executions.map((e) => e.id);
}
