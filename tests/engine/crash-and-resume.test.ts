import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/local/ports.ts";
import { type LocalStack, startStack } from "../../src/local/stack.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

/**
 * Its own stack without an in-process runner, so the runner processes started here are the
 * only ones taking jobs: one is SIGKILLed mid-flow, a second one must finish the execution.
 */
let stack: LocalStack;
let dir: string;
let db: pg.Pool;
let hook: Server;
const hookCalls: string[] = [];
let holdHook = true;
const runners: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "flow-admin-crash-"));
  await chmod(dir, 0o755);
  stack = await startStack({
    dataDir: join(dir, "pg"),
    apiPort: await freePort(),
    dbPort: await freePort(),
    runner: false,
  });
  db = new pg.Pool({ connectionString: stack.dbUrl, max: 3 });
  hook = createServer((req, res) => {
    hookCalls.push(String(req.headers["idempotency-key"]));
    // The first call hangs: the runner handling it is killed while it waits.
    if (holdHook) return;
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  for (const runner of runners) runner.kill("SIGKILL");
  hook.closeAllConnections();
  hook.close();
  await db.end();
  await stack.stop();
  await rm(dir, { recursive: true, force: true });
});

function startRunner(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/runner/cli.ts"], {
    env: { ...process.env, DATABASE_URL: stack.dbUrl, RUNNER_HEARTBEAT_MS: "300", RUNNER_DEAD_AFTER_MS: "1500" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  runners.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`runner not ready: ${output}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("runner ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  });
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("crash and resume", () => {
  it("a runner SIGKILLed mid-flow is replaced and the execution completes without sending twice", async () => {
    const workspace = await createWorkspace(db);
    const user = await createUser(db, { workspaceId: workspace });
    const address = hook.address() as { port: number };
    const {
      rows: [flow],
    } = await db.query(
      "insert into public.flows (workspace_id, name, status, definition) values ($1, 'Crash', 'active', $2) returning id",
      [
        workspace,
        {
          nodes: [
            { id: "trigger", type: "trigger", config: {} },
            { id: "first", type: "send_email", config: { subject: "First", body: "1" } },
            { id: "hook", type: "webhook", config: { url: `http://127.0.0.1:${address.port}/h`, timeoutMs: 30000 } },
            { id: "second", type: "send_email", config: { subject: "Second", body: "2" } },
          ],
          edges: [
            { id: "a", source: "trigger", target: "first" },
            { id: "b", source: "first", target: "hook" },
            { id: "c", source: "hook", target: "second" },
          ],
        },
      ],
    );
    const {
      rows: [contact],
    } = await db.query(
      "insert into public.contacts (workspace_id, name, email) values ($1, 'Crash Test', 'crash@example.com') returning id",
      [workspace],
    );

    const first = await startRunner();
    const signIn = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: { apikey: stack.anonKey, "content-type": "application/json" },
      body: JSON.stringify({ email: user.email, password: user.password }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const enrolled = await fetch(`${stack.apiUrl}/functions/v1/enroll-contacts`, {
      method: "POST",
      headers: {
        apikey: stack.anonKey,
        authorization: `Bearer ${signIn.access_token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ flowId: flow.id, contactIds: [contact.id] }),
    }).then((r) => r.json() as Promise<{ executions: { id: string }[] }>);
    const executionId = enrolled.executions[0]?.id as string;

    await until(async () => (hookCalls.length > 0 ? true : undefined), "the webhook call");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    holdHook = false;

    await startRunner();
    const status = await until(async () => {
      const { rows } = await db.query("select status from public.flow_executions where id = $1", [executionId]);
      return rows[0]?.status === "running" ? undefined : rows[0]?.status;
    }, "the execution to finish").catch(async (error) => {
      const jobs = await db.query(
        "select task_identifier, locked_by, locked_at, run_at, attempts, last_error from graphile_worker.jobs",
      );
      const workers = await db.query("select * from local_runner.workers");
      console.log(JSON.stringify({ jobs: jobs.rows, workers: workers.rows, hookCalls }, null, 1));
      throw error;
    });
    expect(status).toBe("completed");

    const { rows: sent } = await db.query(
      "select node_id, count(*)::int as copies from public.outbox_messages where execution_id = $1 group by node_id order by node_id",
      [executionId],
    );
    expect(sent).toEqual([
      { node_id: "first", copies: 1 },
      { node_id: "second", copies: 1 },
    ]);
    // The interrupted webhook was called again with the same key, so a receiver can dedupe it.
    expect(hookCalls).toEqual([`${executionId}:hook:1`, `${executionId}:hook:1`]);
    const { rows: steps } = await db.query(
      "select node_id, status from public.flow_execution_steps where execution_id = $1 order by created_at",
      [executionId],
    );
    expect(steps).toEqual([
      { node_id: "trigger", status: "success" },
      { node_id: "first", status: "success" },
      { node_id: "hook", status: "success" },
      { node_id: "second", status: "success" },
    ]);
  }, 60_000);
});
