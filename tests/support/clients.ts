import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { inject } from "vitest";
import WebSocket from "ws";
import type { Database } from "../../src/domain/database.types.ts";

export const stack = inject("stack");

export type Client = SupabaseClient<Database>;

/** supabase-js as an app would create it; Node 20 needs the `ws` transport for realtime. */
export function anonClient(global: { fetch?: typeof fetch } = {}): Client {
  return createClient<Database>(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    global,
  });
}

export function serviceClient(): Client {
  return createClient<Database>(stack.apiUrl, stack.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
}

/** A signed-in client; `global.fetch` sees every request it makes, for tests that check them. */
export async function signedInClient(
  email: string,
  password: string,
  global: { fetch?: typeof fetch } = {},
): Promise<Client> {
  const client = anonClient(global);
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw new Error(`sign-in as ${email} failed: ${error.message}`);
  return client;
}

// bigint columns (duration_ms, counts) as numbers, as PostgREST returns them in JSON.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** The signed-in client's access token, as a function call would carry it. */
export async function accessToken(client: Client): Promise<string> {
  return (await client.auth.getSession()).data.session?.access_token ?? "";
}

/** A superuser connection for arranging fixtures and checking what landed in the database. */
export function adminDb(): pg.Pool {
  return new pg.Pool({ connectionString: stack.dbUrl, max: 4 });
}
