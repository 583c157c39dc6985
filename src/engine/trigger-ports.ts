import { wait } from "@trigger.dev/sdk";
import pg from "pg";
import type { Waiter } from "./ports.ts";

/**
 * Durable waiting on Trigger.dev: `wait.until` parks the run and resumes it in place, so the
 * interpreter carries on in the same `run()`. Waits of 5 s or less are a plain in-process
 * timer in the SDK; longer ones create a waitpoint and checkpoint the run.
 */
export const triggerDevWaiter: Waiter = {
  async until(_executionId, date) {
    await wait.until({ date });
    return "resumed";
  },
};

let pool: pg.Pool | undefined;

/**
 * The engine's connection on a Trigger.dev worker, created on first use so that merely
 * importing the task (as the CLI does when indexing) needs no database.
 */
export function engineDatabase(env: NodeJS.ProcessEnv = process.env): pg.Pool {
  if (pool) return pool;
  const connectionString = env.SUPABASE_DB_URL || env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      "the unified-workflow task needs SUPABASE_DB_URL (or DATABASE_URL): set it to the Supabase Postgres connection string in the Trigger.dev project's environment variables",
    );
  }
  pool = new pg.Pool({ connectionString, max: 5 });
  // An idle connection dropped by the server must not crash the worker; the next query reconnects.
  pool.on("error", (error) => console.error(`[unified-workflow] idle database connection failed: ${error.message}`));
  return pool;
}

export async function closeEngineDatabase(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.end();
}
