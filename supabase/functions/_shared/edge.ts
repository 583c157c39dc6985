// Deno-only: builds the functions' dependencies from the Edge Function's secrets.
import pg from "pg";
import { triggerDevDispatcher } from "../../../src/runner/trigger-dispatch.ts";
import { type TokenKeys, tokenKeysFromSecrets } from "./auth.ts";
import type { FunctionDeps } from "./deps.ts";

const env = (name: string) => Deno.env.get(name) || undefined;
const required = (name: string) => {
  const value = env(name);
  if (!value) throw new Error(`missing secret ${name}`);
  return value;
};

/**
 * Supabase gives every function SUPABASE_DB_URL and SUPABASE_JWKS (the project's published
 * signing keys); JWT_SECRET is set by hand for projects still signing with the legacy secret.
 */
function tokenKeys(): TokenKeys {
  return tokenKeysFromSecrets({ JWT_SECRET: env("JWT_SECRET"), SUPABASE_JWKS: env("SUPABASE_JWKS") });
}

export function createEdgeDeps(): FunctionDeps {
  return {
    db: new pg.Pool({ connectionString: required("SUPABASE_DB_URL"), max: 3 }),
    tokenKeys: tokenKeys(),
    // On Supabase there is no local runner: executions run on Trigger.dev.
    dispatcher: triggerDevDispatcher,
  };
}
