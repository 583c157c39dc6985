import { randomUUID } from "node:crypto";
import type { RealtimeChannel, RealtimePostgresChangesPayload } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import type pg from "pg";
import { anonClient, type Client, stack } from "../support/clients.ts";
import { createFlow as createEngineFlow } from "../support/engine.ts";

export type Change = RealtimePostgresChangesPayload<Record<string, unknown>>;

export interface Binding {
  event: "*" | "INSERT" | "UPDATE" | "DELETE";
  table: string;
  filter?: string;
}

export interface Subscription {
  channel: RealtimeChannel;
  /** Changes per binding, in the order the bindings were given. */
  received: Change[][];
  /** `system` messages (Subscribed, token errors). */
  system: Record<string, unknown>[];
}

/** Subscribes one channel with these postgres_changes bindings and waits for SUBSCRIBED. */
export async function subscribe(client: Client, bindings: Binding[]): Promise<Subscription> {
  const channel = client.channel(`test-${randomUUID()}`);
  const received: Change[][] = bindings.map(() => []);
  const system: Record<string, unknown>[] = [];
  bindings.forEach((binding, i) => {
    channel.on("postgres_changes", { schema: "public", ...binding }, (payload: Change) =>
      (received[i] as Change[]).push(payload),
    );
  });
  channel.on("system", {}, (payload: Record<string, unknown>) => system.push(payload));
  await new Promise<void>((resolve, reject) => {
    channel.subscribe((status, error) => {
      if (status === "SUBSCRIBED") resolve();
      else reject(new Error(`subscribe: ${status} ${error?.message ?? ""}`));
    });
  });
  return { channel, received, system };
}

/** Subscribes expecting a refusal; resolves with the error message. */
export async function subscribeRefused(client: Client, binding: Binding): Promise<string> {
  const channel = client.channel(`test-${randomUUID()}`);
  channel.on("postgres_changes", { schema: "public", ...binding }, () => {});
  return new Promise<string>((resolve, reject) => {
    channel.subscribe((status, error) => {
      if (status === "CHANNEL_ERROR") resolve(error?.message ?? "");
      else if (status === "SUBSCRIBED") reject(new Error("subscribed, expected a refusal"));
    });
  });
}

/**
 * Realtime delivers in commit order, so a change waits behind any backlog: another test file's
 * bulk insert of 100,000 rows takes the stack several seconds to stream on a busy machine.
 * Hence the generous default; a passing wait returns as soon as its check holds.
 */
export const REALTIME_TIMEOUT_MS = 60_000;

/** Per-test timeout for these suites: room for one backlog wait and the rest of the test. */
export const TEST_TIMEOUT = { timeout: 2 * REALTIME_TIMEOUT_MS };

export async function waitFor(check: () => boolean, what: string, timeoutMs = REALTIME_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** An access token as the stack's auth would issue it, expiring `expiresInSeconds` from now. */
export async function accessToken(userId: string, expiresInSeconds = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: "authenticated", session_id: randomUUID(), email: "", is_anonymous: false })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setAudience("authenticated")
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(new TextEncoder().encode(stack.jwtSecret));
}

/** supabase-js with no session, whose realtime joins with this token (as after a sign-in). */
export async function clientWithToken(token: string): Promise<Client> {
  const client = anonClient();
  await client.realtime.setAuth(token);
  return client;
}

export async function closeAll(clients: Client[]): Promise<void> {
  await Promise.all(clients.map((c) => c.removeAllChannels()));
  for (const client of clients) client.realtime.disconnect();
}

/** A draft flow to hang executions on; these tests never run it. */
export function createFlow(db: pg.Pool, workspaceId: string): Promise<string> {
  return createEngineFlow(db, workspaceId, { nodes: [], edges: [] }, { status: "draft", name: "Realtime test" });
}
