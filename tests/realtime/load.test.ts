import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminDb, type Client } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import {
  accessToken,
  clientWithToken,
  closeAll,
  createFlow,
  type Subscription,
  subscribe,
  waitFor,
} from "./support.ts";

/**
 * The engine updates executions many times a second. 50 subscribers (10 members × 5 sockets,
 * each with a token of its own, so 50 distinct RLS checks per batch) watch one execution that
 * is updated 1,000 times, one transaction each: every subscriber gets every update exactly
 * once, in commit order.
 */

const SUBSCRIBERS = 50;
const UPDATES = 1_000;

const db = adminDb();
const clients: Client[] = [];
let workspace: string;
let flow: string;

beforeAll(async () => {
  workspace = await createWorkspace(db);
  flow = await createFlow(db, workspace);
  const users = await Promise.all(Array.from({ length: 10 }, () => createUser(db, { workspaceId: workspace })));
  for (let i = 0; i < SUBSCRIBERS; i++) {
    clients.push(await clientWithToken(await accessToken((users[i % users.length] as { id: string }).id)));
  }
});

afterAll(async () => {
  await closeAll(clients);
  await db.end();
});

describe("Realtime under load", () => {
  it(`delivers ${UPDATES} updates to each of ${SUBSCRIBERS} subscribers, none lost, none twice, in order`, {
    timeout: 240_000,
  }, async () => {
    const {
      rows: [execution],
    } = await db.query<{ id: string }>(
      "insert into public.flow_executions (flow_id, workspace_id, status) values ($1, $2, 'running') returning id",
      [flow, workspace],
    );
    const id = execution?.id as string;
    const subscriptions: Subscription[] = await Promise.all(
      clients.map((client) =>
        subscribe(client, [{ event: "UPDATE", table: "flow_executions", filter: `id=eq.${id}` }]),
      ),
    );

    for (let seq = 1; seq <= UPDATES; seq++) {
      await db.query("update public.flow_executions set result = jsonb_build_object('seq', $2::int) where id = $1", [
        id,
        seq,
      ]);
    }

    const sequences = () =>
      subscriptions.map((s) => (s.received[0] ?? []).map((c) => (c.new as { result: { seq: number } }).result.seq));
    await waitFor(() => sequences().every((seqs) => seqs.length >= UPDATES), "every update everywhere", 150_000);
    await new Promise((r) => setTimeout(r, 500)); // duplicates would arrive by now

    const expected = Array.from({ length: UPDATES }, (_, i) => i + 1);
    for (const seqs of sequences()) expect(seqs).toEqual(expected);
    // The previous value travels with each update (replica identity full).
    const first = subscriptions[0]?.received[0] ?? [];
    expect(first[1]?.old).toMatchObject({ result: { seq: 1 } });
  });
});
