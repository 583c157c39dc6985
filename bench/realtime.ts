/**
 * `npm run bench:realtime [-- SUBSCRIBERS UPDATES WRITERS]`: supabase-js subscribers (default 50,
 * each a workspace member with a token of its own, so every batch runs 50 RLS checks) watch
 * the executions of one flow while they are updated.
 *
 * - paced: one writer, one update every 20 ms (50 changes/s, 2,500 deliveries/s with 50
 *   subscribers): delivery latency at a steady engine-like rate;
 * - burst: WRITERS writers (default 8) update flat out, UPDATES in all (default 5,000):
 *   throughput and latency under load.
 *
 * Latency is commit → client receive: the change's commit_timestamp (Postgres's clock, ms
 * resolution) against the receiving client's clock, the same machine. The supabase-js clients
 * run in a child process (bench/realtime-subscribers.ts), but on the same cores as Postgres
 * and the server.
 * Prints one JSON line per figure.
 */
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT } from "jose";
import { freePort } from "../src/local/ports.ts";
import { startStack } from "../src/local/stack.ts";
import { quantile, round } from "./figures.ts";

const subscriberCount = Number(process.argv[2] ?? 50);
const burstUpdates = Number(process.argv[3] ?? 5_000);
const writers = Number(process.argv[4] ?? 8);
const pacedUpdates = 500;

const dir = await mkdtemp(join(tmpdir(), "flow-admin-bench-realtime-"));
await chmod(dir, 0o755);
const stack = await startStack({
  dataDir: join(dir, "pg"),
  apiPort: await freePort(),
  dbPort: await freePort(),
  runner: false,
});
const { db } = stack;
let stopSubscribers = () => {};

try {
  const workspace = `bench-${randomUUID().slice(0, 8)}`;
  await db.query("insert into public.workspaces (id, name) values ($1, 'Realtime bench')", [workspace]);
  const { rows: users } = await db.query<{ id: string }>(
    `with u as (insert into auth.users (email) select 'rt-bench-' || i || '@example.com' from generate_series(1, 10) i returning id)
     insert into public.workspace_members (workspace_id, user_id) select $1, id from u returning user_id as id`,
    [workspace],
  );
  const {
    rows: [flow],
  } = await db.query<{ id: string }>(
    "insert into public.flows (workspace_id, name) values ($1, 'Realtime bench') returning id",
    [workspace],
  );
  const flowId = (flow as { id: string }).id;
  const { rows: executions } = await db.query<{ id: string }>(
    `insert into public.flow_executions (flow_id, workspace_id, status)
     select $1, $2, 'running' from generate_series(1, $3) returning id`,
    [flowId, workspace, writers],
  );

  const tokens = await Promise.all(
    Array.from({ length: subscriberCount }, (_, i) => token((users[i % users.length] as { id: string }).id)),
  );
  const subscribers = fork(new URL("./realtime-subscribers.ts", import.meta.url).pathname, { stdio: "inherit" });
  stopSubscribers = () => subscribers.send({ type: "stop" });
  const next = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const listener = (message: { type: string }) => {
        if (message.type !== type) return;
        subscribers.off("message", listener);
        resolve(message as T);
      };
      subscribers.on("message", listener);
    });
  const ready = next("ready");
  subscribers.send({ type: "start", apiUrl: stack.apiUrl, anonKey: stack.anonKey, tokens, flowId });
  await ready;
  const collect = async (expected: number) => {
    const collected = next<{ latencies: number[]; lastReceivedAt: number }>("collected");
    subscribers.send({ type: "collect", expected });
    const result = await collected;
    if (result.latencies.length !== expected) {
      throw new Error(`received ${result.latencies.length} deliveries, expected ${expected}`);
    }
    return result;
  };

  const update = (id: string, seq: number) =>
    db.query("update public.flow_executions set result = jsonb_build_object('seq', $2::int) where id = $1", [id, seq]);

  // Paced: steady updates, one at a time.
  const firstId = (executions[0] as { id: string }).id;
  for (let seq = 1; seq <= pacedUpdates; seq++) {
    await update(firstId, seq);
    await new Promise((r) => setTimeout(r, 20));
  }
  const paced = await collect(pacedUpdates * subscriberCount);
  report("paced", pacedUpdates, 1, paced.latencies, undefined);

  // Burst: every writer flat out on its own execution.
  const began = Date.now();
  const perWriter = Math.ceil(burstUpdates / writers);
  await Promise.all(
    executions.map(async ({ id }) => {
      for (let seq = 1; seq <= perWriter; seq++) await update(id, seq);
    }),
  );
  const committedMs = Date.now() - began;
  const burst = await collect(perWriter * writers * subscriberCount);
  report("burst", perWriter * writers, writers, burst.latencies, {
    began,
    committedMs,
    lastReceivedAt: burst.lastReceivedAt,
  });
} finally {
  stopSubscribers();
  await stack.stop();
  await rm(dir, { recursive: true, force: true });
}

function report(
  scenario: string,
  updates: number,
  writerCount: number,
  samples: number[],
  burst: { began: number; committedMs: number; lastReceivedAt: number } | undefined,
) {
  const line = (figure: string, value: number, unit: string) =>
    console.log(
      JSON.stringify({
        bench: "realtime",
        scenario,
        figure,
        value: round(value),
        unit,
        subscribers: subscriberCount,
        updates,
        writers: writerCount,
      }),
    );
  line("delivery_latency_p50", quantile(samples, 0.5), "ms");
  line("delivery_latency_p95", quantile(samples, 0.95), "ms");
  line("delivery_latency_max", quantile(samples, 1), "ms");
  if (burst) {
    const seconds = (burst.lastReceivedAt - burst.began) / 1000;
    line("events_delivered_per_second", samples.length / seconds, "events/s");
    line("changes_per_second", updates / seconds, "changes/s");
    line("commits_per_second", updates / (burst.committedMs / 1000), "commits/s");
  }
}

async function token(userId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: "authenticated", session_id: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setAudience("authenticated")
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(stack.jwtSecret));
}
