/**
 * `npm run bench:engine [-- N]`: N enrollments (default 5,000) of Email → SMS → Exit through
 * enroll-contacts and the local runner to the outbox, every step logged. Prints one JSON line
 * per figure: executions per second and enrollment-to-completed latency.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_LOGIN } from "../src/config/local-supabase.ts";
import { freePort } from "../src/local/ports.ts";
import { startStack } from "../src/local/stack.ts";
import { round } from "./figures.ts";

const total = Number(process.argv[2] ?? 5_000);
const batchSize = 500;
const dir = await mkdtemp(join(tmpdir(), "flow-admin-bench-"));
await chmod(dir, 0o755);
const stack = await startStack({ dataDir: join(dir, "pg"), apiPort: await freePort(), dbPort: await freePort() });
const { db } = stack;

try {
  const {
    rows: [flow],
  } = await db.query<{ id: string }>(
    `insert into public.flows (workspace_id, name, status, definition) values ('15213', 'Bench', 'active', $1) returning id`,
    [
      {
        nodes: [
          { id: "trigger", type: "trigger", config: {} },
          { id: "email", type: "send_email", config: { subject: "Hello {{contact.name}}", body: "Bench" } },
          { id: "sms", type: "send_sms", config: { body: "Bench" } },
          { id: "exit", type: "exit", config: {} },
        ],
        edges: [
          { id: "a", source: "trigger", target: "email" },
          { id: "b", source: "email", target: "sms" },
          { id: "c", source: "sms", target: "exit" },
        ],
      },
    ],
  );
  const { rows: contacts } = await db.query<{ id: string }>(
    `insert into public.contacts (workspace_id, name, email, phone)
     select '15213', 'Bench ' || i, 'bench' || i || '@example.com', '+1555' || lpad(i::text, 7, '0')
       from generate_series(1, $1) i returning id`,
    [total],
  );
  const token = await signIn();

  const began = performance.now();
  const batches = [];
  for (let i = 0; i < contacts.length; i += batchSize) batches.push(contacts.slice(i, i + batchSize).map((c) => c.id));
  await Promise.all(batches.map((contactIds) => enroll(token, (flow as { id: string }).id, contactIds)));
  const enrolledMs = performance.now() - began;

  for (;;) {
    const { rows } = await db.query<{ open: number }>(
      "select count(*)::int as open from public.flow_executions where flow_id = $1 and status in ('pending', 'running')",
      [(flow as { id: string }).id],
    );
    if (rows[0]?.open === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - began) / 1000;

  const { rows: stats } = await db.query<{
    completed: number;
    p50: number;
    p95: number;
    steps: number;
    messages: number;
  }>(
    `select count(*) filter (where status = 'completed')::int as completed,
            percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at) * 1000) as p50,
            percentile_cont(0.95) within group (order by extract(epoch from completed_at - created_at) * 1000) as p95,
            (select count(*)::int from public.flow_execution_steps s where s.flow_id = $1) as steps,
            (select count(*)::int from public.outbox_messages o join public.flow_executions e on e.id = o.execution_id
              where e.flow_id = $1) as messages
       from public.flow_executions where flow_id = $1`,
    [(flow as { id: string }).id],
  );
  const s = stats[0] as (typeof stats)[number];
  const line = (figure: string, value: number, unit: string) =>
    console.log(JSON.stringify({ bench: "engine", figure, value: round(value), unit, n: total }));
  line("executions_per_second", s.completed / seconds, "executions/s");
  line("enroll_requests_ms", enrolledMs, "ms");
  line("enrollment_to_completed_p50", s.p50, "ms");
  line("enrollment_to_completed_p95", s.p95, "ms");
  line("completed", s.completed, "executions");
  line("steps_logged", s.steps, "steps");
  line("outbox_messages", s.messages, "messages");
  if (process.env.BENCH_TOP_QUERIES) {
    const { rows: top } = await db.query(
      `select round(total_exec_time)::int as ms, calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as query
         from extensions.pg_stat_statements order by total_exec_time desc limit 12`,
    );
    console.table(top);
  }
} finally {
  await stack.stop();
  await rm(dir, { recursive: true, force: true });
}

async function signIn(): Promise<string> {
  const res = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { apikey: stack.anonKey, "content-type": "application/json" },
    body: JSON.stringify(DEMO_LOGIN),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function enroll(token: string, flowId: string, contactIds: string[]) {
  const res = await fetch(`${stack.apiUrl}/functions/v1/enroll-contacts`, {
    method: "POST",
    headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ flowId, contactIds }),
  });
  if (!res.ok) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
}
