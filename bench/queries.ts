/**
 * `npm run bench:queries [-- --explain]`: the admin's queries at a million executions.
 * Fills workspace 15213 once (bench/fill.sql: 200k contacts, 1M executions, 5M steps) in a
 * data dir kept under .data/bench, then measures each query through supabase-js → gateway →
 * PostgREST and the same SQL straight to Postgres (the floor: the page and its total, counted
 * as PostgREST counts it), and exports of 100,000 and 1M rows. For stats, whose floor is about a
 * millisecond, also the same request straight to PostgREST and through the gateway.
 * Prints one JSON line per figure.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import WebSocket from "ws";
import { API_MAX_ROWS, DEMO_LOGIN } from "../src/config/local-supabase.ts";
import { recordCounter } from "../src/domain/csv-records.ts";
import type { Database } from "../src/domain/database.types.ts";
import {
  conditionsFor,
  type EnrollmentFilters,
  LIST_SOURCES,
  type ListKind,
  type LogFilters,
} from "../src/domain/execution-filters.ts";
import { freePort } from "../src/local/ports.ts";
import { startStack } from "../src/local/stack.ts";
import { actAsCaller } from "../src/services/act-as-caller.ts";
import { defaultCount, FlowExecutionService, LATE_LOOKUP_OFFSET } from "../src/services/flow-execution-service.ts";
import { sqlWhere } from "../src/services/sql-conditions.ts";
import { printer, quantile, round } from "./figures.ts";

const explain = process.argv.includes("--explain");
const print = printer("queries");
// 200 samples: with 40, the p95 was the second-worst sample and one scheduling hiccup decided it.
const ITERATIONS = 200;
const WORKSPACE = "15213";
const FLOW = "b0000000-0000-4000-8000-000000000001";
const root = new URL("../", import.meta.url).pathname;

const stack = await startStack({
  dataDir: `${root}.data/bench/postgres`,
  apiPort: await freePort(),
  dbPort: await freePort(),
  runner: false,
});
const admin = new pg.Pool({ connectionString: stack.dbUrl, max: 2 });
admin.on("error", () => {}); // idle connections closing at shutdown

try {
  await fillOnce();
  const supabase = createClient<Database>(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
  const { data: signIn, error } = await supabase.auth.signInWithPassword(DEMO_LOGIN);
  if (error || !signIn.session) throw new Error(`sign-in failed: ${error?.message}`);
  const claims = JSON.parse(Buffer.from(signIn.session.access_token.split(".")[1] as string, "base64url").toString());
  const service = new FlowExecutionService(supabase);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();

  const searchFilters: EnrollmentFilters = { status: ["failed", "running"], from: monthAgo, search: "haddad 7" };
  const queries: {
    name: string;
    kind: ListKind | "stats";
    filters?: EnrollmentFilters | LogFilters;
    page?: number;
    target: number;
  }[] = [
    { name: "enrollments_first_page", kind: "enrollments", filters: {}, target: 50 },
    { name: "enrollments_status_30d_search", kind: "enrollments", filters: searchFilters, target: 150 },
    { name: "logs_first_page", kind: "logs", filters: {}, target: 50 },
    { name: "logs_page_500", kind: "logs", filters: {}, page: 500, target: 150 },
    { name: "stats", kind: "stats", target: 50 },
  ];

  for (const query of queries) {
    const viaApi = () =>
      query.kind === "stats"
        ? service.getExecutionStats(FLOW, WORKSPACE)
        : query.kind === "enrollments"
          ? service.getEnrollmentHistory(FLOW, WORKSPACE, query.filters as EnrollmentFilters, { page: query.page })
          : service.getExecutionLogs(FLOW, WORKSPACE, query.filters as LogFilters, { page: query.page });
    const sql = floorSql(query.kind, query.filters ?? {}, query.page ?? 1);
    const api = await timings(viaApi);
    const floor = await timings(() => asCaller(claims, sql));
    const pageOnly = sql.count ? await timings(() => asCaller(claims, { ...sql, count: undefined })) : undefined;
    const layers = query.kind === "stats" ? await statsLayers(signIn.session.access_token) : undefined;
    print({
      figure: query.name,
      p50_ms: api.p50,
      p95_ms: api.p95,
      floor_p50_ms: floor.p50,
      floor_p95_ms: floor.p95,
      ratio_p95: round(api.p95 / floor.p95),
      ...(pageOnly ? { floor_without_count_p95_ms: pageOnly.p95 } : {}),
      ...layers,
      target_p95_ms: query.target,
      meets_target: api.p95 <= query.target,
    });
    if (explain) {
      const analyze = (text: string) => ({ text: `explain (analyze, buffers) ${text}`, values: sql.values });
      const plan = await asCaller(claims, analyze(sql.text));
      console.log(`\n-- ${query.name}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}\n`);
      if (sql.byIds) {
        const ids = (await asCaller(claims, { text: sql.text, values: sql.values })).rows.map((r) => r.id);
        const rows = await asCaller(claims, { text: `explain (analyze, buffers) ${sql.byIds}`, values: [ids] });
        console.log(`-- ${query.name}, its rows by id\n${rows.rows.map((r) => r["QUERY PLAN"]).join("\n")}\n`);
      }
      if (sql.count?.withCapped) {
        const counted = await asCaller(claims, analyze(sql.count.withCapped));
        console.log(`-- ${query.name}, with its count\n${counted.rows.map((r) => r["QUERY PLAN"]).join("\n")}\n`);
      }
    }
  }

  await measureExports(signIn.session.access_token);
} finally {
  await admin.end();
  await stack.stop();
}

async function fillOnce() {
  const { rows } = await admin.query("select 1 from public.flows where id = $1", [FLOW]);
  if (rows.length) return;
  const began = performance.now();
  console.error("filling 200k contacts, 1M executions, 5M steps (once; kept in .data/bench)…");
  await admin.query(await readFile(new URL("./fill.sql", import.meta.url), "utf8"));
  // VACUUM cannot run in the fill's transaction; it sets the visibility map index-only scans need.
  await admin.query(
    "vacuum analyze public.contacts, public.flows, public.flow_executions, public.flow_execution_steps",
  );
  print({ figure: "fill_seconds", value: round((performance.now() - began) / 1000) });
}

interface FloorSql {
  text: string;
  values: unknown[];
  /** A deep page's second statement: its rows by the ids the first one found. */
  byIds?: string;
  /**
   * The page's total, counted as PostgREST counts it for the service: "estimated" counts
   * exactly up to API_MAX_ROWS + 1 rows in the page's own statement (its `pgrst_total`
   * column), and beyond asks the planner in a second one (EXPLAIN), which is all "planned"
   * does. Without it, the page alone.
   */
  count?: { withCapped?: string; planned: string };
}

/**
 * The SQL the service has PostgREST run, straight to Postgres. As in the service: with a flow
 * given, the workspace is checked on the flow (once, then remembered), not on every row; a
 * deep page reads its ids first and then its rows by id; the total is counted too.
 */
function floorSql(kind: ListKind | "stats", filters: EnrollmentFilters | LogFilters, page: number): FloorSql {
  if (kind === "stats") return { text: "select public.execution_stats($1, $2)", values: [FLOW, WORKSPACE] };
  const where = sqlWhere(conditionsFor(kind, { ...filters, flowId: FLOW }));
  const { view, time } = LIST_SOURCES[kind];
  const rows = `from public.${view} where ${where.text}`;
  const order = `order by ${time} desc, id desc`;
  const offset = (page - 1) * 50;
  const pageSql = (columns: string) => `select ${columns} ${rows} ${order} limit 50 offset ${offset}`;
  const count = (columns: string) => ({
    withCapped:
      defaultCount(filters) === "estimated"
        ? `select p.*, (select count(*)::int from (select 1 ${rows} limit ${API_MAX_ROWS + 1}) c) as pgrst_total
             from (${pageSql(columns)}) p`
        : undefined,
    planned: `explain (format json) select 1 ${rows}`,
  });
  if (offset < LATE_LOOKUP_OFFSET) return { text: pageSql("*"), values: where.values, count: count("*") };
  return {
    text: pageSql("id"),
    values: where.values,
    byIds: `select * from public.${view} where id = any($1) ${order}`,
    count: count("id"),
  };
}

/** The floor runs as PostgREST would: role authenticated with the user's claims, in a transaction. */
async function asCaller(claims: unknown, sql: FloorSql) {
  const client = await admin.connect();
  try {
    await client.query("begin");
    await actAsCaller(client, claims);
    let result = await client.query(sql.count?.withCapped ?? sql.text, sql.values);
    const total: number | undefined = sql.count?.withCapped ? result.rows[0]?.pgrst_total : undefined;
    if (sql.count && (total === undefined || total > API_MAX_ROWS)) await client.query(sql.count.planned, sql.values);
    if (sql.byIds) result = await client.query(sql.byIds, [result.rows.map((row) => row.id)]);
    await client.query("commit");
    return result;
  } finally {
    client.release();
  }
}

async function timings(run: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const began = performance.now();
    await run();
    samples.push(performance.now() - began);
  }
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

/**
 * Where a request of the smallest query spends its time beyond the floor: the same GET
 * straight to PostgREST, then through the gateway, both with node:http on a kept-alive
 * connection; the difference to the figure itself is supabase-js on Node's fetch.
 */
async function statsLayers(accessToken: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url: string, headers: Record<string, string>) =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { agent, headers }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
        res.resume().on("end", resolve);
      });
      req.on("error", reject).end();
    });
  const path = `/rpc/execution_stats?p_flow_id=${FLOW}&p_workspace_id=${WORKSPACE}`;
  const authorization = `Bearer ${accessToken}`;
  const postgrest = await timings(() => get(`${stack.postgrestUrl}${path}`, { authorization }));
  const gateway = await timings(() => get(`${stack.apiUrl}/rest/v1${path}`, { apikey: stack.anonKey, authorization }));
  agent.destroy();
  return {
    postgrest_direct_p50_ms: postgrest.p50,
    postgrest_direct_p95_ms: postgrest.p95,
    via_gateway_p50_ms: gateway.p50,
    via_gateway_p95_ms: gateway.p95,
  };
}

/**
 * Exports served by the functions in a process of their own (as an Edge Function is): a
 * flow's last six months of enrollments (about 100,000 rows, the target's size) and all of a
 * flow's steps (1M rows). Each: its time to the first byte and in all, and that process's
 * memory before and at its peak.
 */
async function measureExports(accessToken: string) {
  const server = spawn(
    process.execPath,
    ["--import", "tsx", new URL("./function-server.ts", import.meta.url).pathname],
    {
      env: { ...process.env, DB_URL: stack.dbUrl, JWT_SECRET: stack.jwtSecret },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    const [line] = (await Promise.race([
      once(createInterface({ input: server.stdout as NodeJS.ReadableStream }), "line"),
      once(server, "exit").then(([code]) => Promise.reject(new Error(`the function server exited with ${code}`))),
    ])) as [string];
    const url = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
    const memory = async () => (await (await fetch(`${url}/memory`)).json()) as { rss_mb: number; peak_rss_mb: number };
    const from = new Date(Date.now() - 183 * 86_400_000).toISOString();
    const exports = [
      { figure: "export_enrollments", body: { kind: "enrollments", flowId: FLOW, filters: { from } }, target: 5 },
      { figure: "export_all_steps_of_a_flow", body: { kind: "logs", flowId: FLOW } },
    ];
    for (const { figure, body, target } of exports) {
      const before = await memory();
      const began = performance.now();
      const res = await fetch(`${url}/functions/v1/export-executions`, {
        method: "POST",
        headers: { apikey: stack.anonKey, authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`export failed: ${res.status} ${await res.text()}`);
      const countRecords = recordCounter();
      let records = 0;
      let firstByte: number | undefined;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        firstByte ??= performance.now() - began;
        records = countRecords(chunk);
      }
      const seconds = (performance.now() - began) / 1000;
      const after = await memory();
      print({
        figure,
        rows: records - 1,
        first_byte_ms: round(firstByte ?? Number.NaN),
        seconds: round(seconds),
        exporting_process_rss_before_mb: before.rss_mb,
        exporting_process_peak_rss_mb: after.peak_rss_mb,
        ...(target ? { target_seconds: target } : {}),
        target_rss_mb: 200,
      });
    }
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await once(server, "exit");
    }
  }
}
