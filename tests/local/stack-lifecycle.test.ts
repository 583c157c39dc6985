import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_LOGIN } from "../../src/config/local-supabase.ts";
import { freePort } from "../../src/local/ports.ts";
import { isAlive } from "../../src/local/postgres.ts";
import { startStack } from "../../src/local/stack.ts";

const dirs: string[] = [];
/** From supabase/seed.sql: an active flow of the demo workspace. */
const WELCOME_FLOW = "10000000-0000-4000-8000-000000000001";
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDataDir() {
  const dir = await mkdtemp(join(tmpdir(), "flow-admin-lifecycle-"));
  await chmod(dir, 0o755);
  dirs.push(dir);
  return join(dir, "postgres");
}

/** Pids of live processes whose command line or environment mentions `marker`. */
function processesMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8");
      if (cmdline.includes(marker) || environ.includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return pids;
}

/** Polls until `check` gives a value, or fails after `ms`. */
async function waitFor<T>(check: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function countFlows(dbUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const { rows } = await client.query<{ n: number }>("select count(*)::int as n from public.flows");
  await client.end();
  return rows[0]?.n ?? -1;
}

/** The fresh database's demo history covers every state the admin shows, made by the engine. */
async function expectDemoHistory(dbUrl: string) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 20_000;
    const wanted = ["cancelled", "completed", "failed", "running"];
    let states: string[] = [];
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ status: string }>(
        "select distinct status from public.flow_executions where workspace_id = '15213' order by status",
      );
      states = rows.map((r) => r.status);
      if (wanted.every((s) => states.includes(s))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(states).toEqual(expect.arrayContaining(wanted));
    const { rows } = await client.query(
      `select count(*) filter (where status = 'running' and next_execution_at > now())::int as waiting,
              count(*) filter (where is_test)::int as tests,
              count(*) filter (where status = 'failed' and error like '%fail.example%')::int as failed_sends,
              (select count(*)::int from public.flow_execution_steps where status = 'skipped') as skipped
         from public.flow_executions`,
    );
    expect(rows[0]).toMatchObject({ waiting: expect.any(Number), tests: expect.any(Number) });
    for (const figure of ["waiting", "tests", "failed_sends", "skipped"])
      expect(rows[0][figure], figure).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
}

describe("the local stack's lifecycle", () => {
  it("boots a fresh data dir, restarts on the same data without re-running migrations or seed, and stops cleanly", async () => {
    const dataDir = await tempDataDir();
    const ports = { apiPort: await freePort(), dbPort: await freePort() };

    const first = await startStack({ dataDir, ...ports });
    expect(first.fresh).toBe(true);
    expect(first.migrations.applied.length).toBeGreaterThan(0);
    expect(first.migrations.seeded).toBe(true);
    const seededFlows = await countFlows(first.dbUrl);
    expect(seededFlows).toBeGreaterThanOrEqual(3);
    await first.db.query("insert into public.workspaces (id, name) values ('kept', 'Survives a restart')");
    const firstPids = Object.values(first.pids) as number[];
    await first.stop();
    for (const pid of firstPids) expect(isAlive(pid), `pid ${pid} still running`).toBe(false);

    const second = await startStack({ dataDir, ...ports });
    try {
      expect(second.fresh).toBe(false);
      expect(second.migrations).toEqual({ applied: [], seeded: false });
      expect(await countFlows(second.dbUrl)).toBe(seededFlows);
      const kept = await second.db.query("select 1 from public.workspaces where id = 'kept'");
      expect(kept.rowCount).toBe(1);
    } finally {
      await second.stop();
    }
    expect(processesMentioning(dataDir)).toEqual([]);
  });

  it("`npm start` stops Postgres and PostgREST on Ctrl-C, leaving no process behind", async () => {
    const dataDir = await tempDataDir();
    const dbPort = await freePort();
    const cli: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/local/cli.ts", "--no-admin"], {
      env: {
        ...process.env,
        LOCAL_DATA_DIR: dataDir,
        LOCAL_API_PORT: String(await freePort()),
        LOCAL_DB_PORT: String(dbPort),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${output}`)), 60_000);
      cli.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ctrl-C stops everything")) {
          clearTimeout(timer);
          resolve();
        }
      });
      cli.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    });
    expect(output).toContain("Demo login");
    expect(output).toMatch(/Demo data +\d+ executions enrolled through the engine/);
    await expectDemoHistory(`postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`);
    const postgrestMarker = `127.0.0.1:${dbPort}/postgres`;
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
    expect(processesMentioning(postgrestMarker).length).toBeGreaterThan(0);

    const exited = new Promise<number | null>((resolve) => cli.once("exit", (code) => resolve(code)));
    cli.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(processesMentioning(postgrestMarker)).toEqual([]);
  });

  it("a process that crashes after starting the stack leaves neither Postgres nor PostgREST behind", async () => {
    const dataDir = await tempDataDir();
    const dbPort = await freePort();
    const crashing = spawn(
      process.execPath,
      ["--import", "tsx", "tests/support/crash-after-start.ts", dataDir, String(await freePort()), String(dbPort)],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    crashing.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    crashing.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(crashing, "exit")) as [number | null];
    expect(output).toContain("started");
    expect(output).toContain("a crash after the stack started");
    expect(code).not.toBe(0);
    // Postgres may take a moment to notice its parent is gone.
    const deadline = Date.now() + 10_000;
    const left = () => [...processesMentioning(dataDir), ...processesMentioning(`127.0.0.1:${dbPort}/postgres`)];
    while (left().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(left()).toEqual([]);
  });

  it("starts Postgres again when it is killed; the API, Auth, functions and the runner carry on, data intact", async () => {
    const dataDir = await tempDataDir();
    const notices: string[] = [];
    const stack = await startStack({
      dataDir,
      apiPort: await freePort(),
      dbPort: await freePort(),
      notice: (line) => notices.push(line),
    });
    try {
      const flows = await countFlows(stack.dbUrl);
      const { rows: contacts } = await stack.db.query(
        "select id from public.contacts where workspace_id = '15213' and email like '%@example.com' limit 1",
      );
      const killed = stack.pids.postgres as number;
      process.kill(killed, "SIGKILL");
      const token = await waitFor(async () => {
        const res = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
          method: "POST",
          headers: { apikey: stack.anonKey, "content-type": "application/json" },
          body: JSON.stringify(DEMO_LOGIN),
        }).catch(() => undefined);
        return res?.ok ? ((await res.json()) as { access_token: string }).access_token : undefined;
      }, 60_000);
      expect(stack.pids.postgres).not.toBe(killed);
      expect(notices).toEqual([
        `[postgres] stopped (process ${killed} is gone); starting it again`,
        "[postgres] running again",
      ]);
      expect(await countFlows(stack.dbUrl)).toBe(flows);
      // PostgREST reconnects on its own schedule (it waits up to a few seconds between tries).
      const read = await waitFor(async () => {
        const res = await fetch(`${stack.apiUrl}/rest/v1/flows?select=id`, {
          headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` },
        });
        return res.ok ? ((await res.json()) as unknown[]) : undefined;
      }, 30_000);
      const { rows: demoFlows } = await stack.db.query("select id from public.flows where workspace_id = '15213'");
      expect(read).toHaveLength(demoFlows.length);
      const enrolled = await fetch(`${stack.apiUrl}/functions/v1/enroll-contacts`, {
        method: "POST",
        headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ flowId: WELCOME_FLOW, contactIds: [contacts[0]?.id], isTest: true }),
      });
      expect(enrolled.status).toBe(200);
      const [execution] = ((await enrolled.json()) as { executions: { id: string }[] }).executions;
      const ran = await waitFor(async () => {
        const { rows } = await stack.db.query("select status from public.flow_executions where id = $1", [
          execution?.id,
        ]);
        return rows[0]?.status !== "pending" ? (rows[0]?.status as string) : undefined;
      }, 30_000);
      expect(["running", "completed"]).toContain(ran);
    } finally {
      await stack.stop();
    }
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 120_000);

  it("`npm start` against a Supabase project refuses to start without the project's anon key", async () => {
    const { SUPABASE_ANON_KEY: _, ...env } = process.env;
    const cli = spawn(process.execPath, ["--import", "tsx", "src/local/cli.ts"], {
      env: { ...env, SUPABASE_URL: "https://abcdefghijklmnop.supabase.co", ADMIN_PORT: String(await freePort()) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    cli.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    cli.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(cli, "exit")) as [number | null];
    expect(code).toBe(1);
    expect(output).toContain("SUPABASE_URL is set without SUPABASE_ANON_KEY");
  });
});
