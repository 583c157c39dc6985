/**
 * `npm run bench:admin`: the admin in headless Chromium against the million-execution data of
 * `npm run bench:queries` (run that first; it fills .data/bench once). Builds the production
 * bundle, serves it, signs in, then prints one JSON line per figure:
 *  - time from navigation to the first rendered rows of Enrollment History and Execution Logs
 *    (a flow's tabs, and across all flows), with the HTTP cache disabled (a first visit) and
 *    enabled (a later one: static hosts serve a Vite build's hashed assets as immutable);
 *  - the gzipped JavaScript each route loads before it shows (login, flows list, flow page,
 *    executions, execution logs, contacts),
 *    and of those the entry chunk every route shares.
 */
import { readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { build } from "vite";
import { DEMO_LOGIN } from "../src/config/local-supabase.ts";
import { freePort } from "../src/local/ports.ts";
import { startStack } from "../src/local/stack.ts";
import { launchBrowser, signIn } from "../tests/support/chromium.ts";
import { printer, quantile, round } from "./figures.ts";

const FLOW = "b0000000-0000-4000-8000-000000000001";
const ITERATIONS = 7;
const print = printer("admin");
const root = new URL("../", import.meta.url).pathname;
const outDir = join(root, ".data/bench-admin-dist");

const stack = await startStack({
  dataDir: `${root}.data/bench/postgres`,
  apiPort: await freePort(),
  dbPort: await freePort(),
  runner: false,
});
const { rows } = await stack.db.query("select 1 from public.flows where id = $1", [FLOW]);
if (rows.length === 0) {
  await stack.stop();
  throw new Error("no benchmark data: run `npm run bench:queries` once first (it fills .data/bench)");
}

process.env.VITE_SUPABASE_URL = stack.apiUrl;
process.env.VITE_SUPABASE_ANON_KEY = stack.anonKey;
await build({
  configFile: join(root, "vite.config.ts"),
  build: { outDir, emptyOutDir: true },
  logLevel: "warn",
});
const entry = (await readFile(join(outDir, "index.html"), "utf8")).match(
  /<script type="module"[^>]* src="([^"]+)"/,
)?.[1];
if (!entry) throw new Error("the built index.html has no module script");
// The entry chunk: what every route loads first, before its own chunks.
print({ figure: "js_gzip_kb_entry_chunk", value: round(gzipSync(await readFile(join(outDir, entry))).length / 1024) });
const server = await serveSpa(outDir);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchBrowser();

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const scripts = new Set<string>();
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.add(new URL(request.url()).pathname);
  });
  const jsLoadedBy = async (path: string, ready: () => Promise<unknown>) => {
    scripts.clear();
    await page.goto(`${base}${path}`);
    await ready();
    let bytes = 0;
    for (const script of scripts) bytes += gzipSync(await readFile(join(outDir, script))).length;
    print({ figure: `js_gzip_kb${path.replace(/[/?=&]+/g, "_")}`, value: round(bytes / 1024), files: scripts.size });
  };

  await jsLoadedBy("/login", () => page.getByLabel("Email").waitFor());
  await signIn(page, DEMO_LOGIN);
  await page.waitForURL(/\/flows/);
  await jsLoadedBy("/flows", () => page.locator(".ant-table-row").first().waitFor());
  await jsLoadedBy(`/flows/${FLOW}?tab=enrollments`, () => page.locator(".ant-table-row").first().waitFor());
  await jsLoadedBy("/executions", () => page.locator(".ant-table-row").first().waitFor());
  await jsLoadedBy("/execution-logs", () => page.locator(".ant-table-row").first().waitFor());
  await jsLoadedBy("/contacts", () => page.locator(".ant-table-row").first().waitFor());

  // Uncached: the HTTP cache disabled, every script fetched and compiled again (a first
  // visit). Cached: scripts in the HTTP and code caches (a later visit).
  const cdp = await page.context().newCDPSession(page);
  // The flow page's two tabs (the issue's figure), then the same lists across all flows.
  const views = {
    enrollments: `/flows/${FLOW}?tab=enrollments`,
    logs: `/flows/${FLOW}?tab=logs`,
    all_flows_executions: "/executions",
    all_flows_logs: "/execution-logs",
  };
  for (const [view, path] of Object.entries(views)) {
    const url = `${base}${path}`;
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const uncached = await firstRowTimes(page, url);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
    const cached = await firstRowTimes(page, url);
    print({
      figure: `first_rows_ms_${view}`,
      uncached_p50: uncached.p50,
      uncached_max: uncached.max,
      cached_p50: cached.p50,
      cached_max: cached.max,
      target_ms: 1000,
    });
  }
} finally {
  await browser.close();
  server.close();
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
}

/** Navigation (from a blank page) to the first table row of `url`, ITERATIONS times. */
async function firstRowTimes(page: Page, url: string) {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    await page.goto("about:blank");
    const began = performance.now();
    await page.goto(url);
    await page.locator(".ant-table-row").first().waitFor({ timeout: 30_000 });
    samples.push(performance.now() - began);
  }
  return { p50: quantile(samples, 0.5), max: quantile(samples, 1) };
}

/** The built admin with the single-page fallback a static host gives it. */
async function serveSpa(dir: string) {
  const index = await readFile(join(dir, "index.html"));
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = path.startsWith("/assets/") ? await readFile(join(dir, path)).catch(() => null) : null;
    const type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css" : "text/html";
    // As static hosts serve a Vite build: hashed assets are immutable, the page itself is not.
    const cache = file ? "public, max-age=31536000, immutable" : "no-cache";
    res.writeHead(200, { "content-type": type, "cache-control": cache }).end(file ?? index);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
