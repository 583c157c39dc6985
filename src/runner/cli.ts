/**
 * `npm run runner`: a local runner in its own process, for a queue shared by several
 * processes (or to watch one crash and another take over). `npm start` already runs one.
 */
import pg from "pg";
import { LOCAL_DB_PASSWORD, LOCAL_DB_PORT, LOCAL_DB_USER } from "../config/local-supabase.ts";
import { startLocalRunner } from "./local-runner.ts";

// The database `npm start` runs, on its LOCAL_DB_PORT if that was moved, unless DATABASE_URL says otherwise.
const dbPort = process.env.LOCAL_DB_PORT ?? LOCAL_DB_PORT;
const connectionString =
  process.env.DATABASE_URL ?? `postgresql://${LOCAL_DB_USER}:${LOCAL_DB_PASSWORD}@127.0.0.1:${dbPort}/postgres`;
const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

const db = new pg.Pool({ connectionString, max: 10 });
db.on("error", (error) => console.error(`[runner] database pool: ${error.message}`));
const runner = await startLocalRunner({
  db,
  connectionString,
  concurrency: number("RUNNER_CONCURRENCY"),
  heartbeatMs: number("RUNNER_HEARTBEAT_MS"),
  deadAfterMs: number("RUNNER_DEAD_AFTER_MS"),
  log: (line) => console.error(line),
});
console.log(`runner ready (pid ${process.pid})`);

const stop = async () => {
  await runner.stop();
  await db.end();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
