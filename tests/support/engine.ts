import type pg from "pg";
import type { FlowDefinition } from "../../src/domain/flow-definition.ts";
import type { ExecutionStatus } from "../../src/domain/statuses.ts";
import { stack } from "./clients.ts";

export async function createFlow(
  db: pg.Pool,
  workspaceId: string,
  definition: FlowDefinition,
  options: { status?: string; name?: string } = {},
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    "insert into public.flows (workspace_id, name, status, definition) values ($1, $2, $3, $4) returning id",
    [workspaceId, options.name ?? "Test flow", options.status ?? "active", definition],
  );
  return (rows[0] as { id: string }).id;
}

export async function createContact(
  db: pg.Pool,
  workspaceId: string,
  fields: { name?: string; email?: string | null; phone?: string | null; tags?: string[] } = {},
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    "insert into public.contacts (workspace_id, name, email, phone, tags) values ($1, $2, $3, $4, $5) returning id",
    [
      workspaceId,
      fields.name ?? "Casey Contact",
      fields.email === undefined ? `casey-${Math.random().toString(36).slice(2)}@example.com` : fields.email,
      fields.phone === undefined ? "+15550100200" : fields.phone,
      fields.tags ?? [],
    ],
  );
  return (rows[0] as { id: string }).id;
}

/** Calls a function through the gateway, as the admin does with supabase.functions.invoke. */
export async function callFunction(name: string, body: unknown, accessToken?: string) {
  const res = await fetch(`${stack.apiUrl}/functions/v1/${name}`, {
    method: "POST",
    headers: {
      apikey: stack.anonKey,
      authorization: `Bearer ${accessToken ?? stack.anonKey}`,
      "content-type": "application/json",
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json as Record<string, unknown> };
}

export interface ExecutionRow {
  id: string;
  status: ExecutionStatus;
  next_execution_at: Date | null;
  current_node_id: string | null;
  error: string | null;
  attempt: number;
  started_at: Date | null;
  completed_at: Date | null;
  result: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
}

export async function execution(db: pg.Pool, id: string): Promise<ExecutionRow> {
  const { rows } = await db.query<ExecutionRow>("select * from public.flow_executions where id = $1", [id]);
  if (!rows[0]) throw new Error(`no execution ${id}`);
  return rows[0];
}

export async function steps(db: pg.Pool, executionId: string) {
  const { rows } = await db.query<{
    node_id: string;
    node_type: string;
    status: string;
    attempt: number;
    error: string | null;
    result: Record<string, unknown> | null;
    duration_ms: number | null;
    started_at: Date | null;
    completed_at: Date | null;
  }>("select * from public.flow_execution_steps where execution_id = $1 order by created_at, attempt", [executionId]);
  return rows;
}

export async function outbox(db: pg.Pool, executionId: string) {
  const { rows } = await db.query<{
    id: string;
    node_id: string;
    channel: string;
    recipient: string;
    subject: string | null;
  }>(
    "select id, node_id, channel, recipient, subject from public.outbox_messages where execution_id = $1 order by created_at",
    [executionId],
  );
  return rows;
}

/** Polls until the execution satisfies `ready`; fails with its last state otherwise. */
export async function waitForExecution(
  db: pg.Pool,
  id: string,
  ready: (row: ExecutionRow) => boolean,
  timeoutMs = 20_000,
): Promise<ExecutionRow> {
  const deadline = Date.now() + timeoutMs;
  let last = await execution(db, id);
  while (!ready(last)) {
    if (Date.now() > deadline) throw new Error(`execution ${id} did not get there: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await execution(db, id);
  }
  return last;
}

export const node = {
  trigger: (id = "trigger") => ({ id, type: "trigger" as const, config: {} }),
  email: (id: string, subject = `Subject of ${id}`) => ({
    id,
    type: "send_email" as const,
    config: { subject, body: `Body of ${id}` },
  }),
  sms: (id: string) => ({ id, type: "send_sms" as const, config: { body: `Text of ${id}` } }),
  delayUntil: (id: string, until: Date) => ({ id, type: "delay" as const, config: { until: until.toISOString() } }),
  exit: (id = "exit") => ({ id, type: "exit" as const, config: {} }),
};

/** Edges for a straight line of node ids. */
export function chain(...ids: string[]) {
  return ids.slice(1).map((target, i) => ({ id: `e${i}`, source: ids[i] as string, target }));
}
