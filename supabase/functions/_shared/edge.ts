// Deno-only: builds the functions' dependencies from the Edge Function's secrets.
import pg from "pg";
import { triggerDevDispatcher } from "../../../src/runner/trigger-dispatch.ts";
import type { FunctionDeps } from "./deps.ts";

export function createEdgeDeps(): FunctionDeps {
  const env = (name: string) => {
    const value = Deno.env.get(name);
    if (!value) throw new Error(`missing secret ${name}`);
    return value;
  };
  return {
    db: new pg.Pool({ connectionString: env("SUPABASE_DB_URL"), max: 3 }),
    jwtSecret: env("JWT_SECRET"),
    // On Supabase there is no local runner: executions run on Trigger.dev.
    dispatcher: triggerDevDispatcher,
  };
}
