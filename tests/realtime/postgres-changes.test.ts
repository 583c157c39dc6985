import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminDb, type Client } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import {
  accessToken,
  type Change,
  clientWithToken,
  closeAll,
  createFlow,
  subscribe,
  subscribeRefused,
  TEST_TIMEOUT,
  waitFor,
} from "./support.ts";

/**
 * postgres_changes through supabase-js (ws transport) against the local stack's Realtime:
 * each event type, each filter operator, and the payload as realtime-js hands it over.
 * Every test works in a workspace of its own, as a member of it.
 */

const db = adminDb();
const clients: Client[] = [];
let workspace: string;
let member: Client;

beforeAll(async () => {
  workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  member = await clientWithToken(await accessToken(user.id));
  clients.push(member);
});

afterAll(async () => {
  await closeAll(clients);
  await db.end();
});

describe("Realtime postgres_changes events", TEST_TIMEOUT, () => {
  it("delivers INSERT, UPDATE and DELETE to the bindings that asked for them, and all three to *", async () => {
    const filter = `workspace_id=eq.${workspace}`;
    const { received } = await subscribe(member, [
      { event: "INSERT", table: "contacts", filter },
      { event: "UPDATE", table: "contacts", filter },
      { event: "DELETE", table: "contacts", filter },
      { event: "*", table: "contacts", filter },
    ]);
    const [inserts, updates, deletes, all] = received as [Change[], Change[], Change[], Change[]];

    const {
      rows: [contact],
    } = await db.query<{ id: string }>(
      `insert into public.contacts (workspace_id, name, email, tags, attributes)
       values ($1, 'Ada', 'ada@example.com', '{vip,"new, hot"}', '{"plan": "pro", "seats": 3}') returning id`,
      [workspace],
    );
    const id = contact?.id;
    await db.query("update public.contacts set name = 'Ada Lovelace' where id = $1", [id]);
    await db.query("delete from public.contacts where id = $1", [id]);
    await waitFor(() => all.length === 3, "three changes on *");

    expect(all.map((c) => c.eventType)).toEqual(["INSERT", "UPDATE", "DELETE"]);
    expect(inserts.map((c) => c.eventType)).toEqual(["INSERT"]);
    expect(updates.map((c) => c.eventType)).toEqual(["UPDATE"]);
    expect(deletes.map((c) => c.eventType)).toEqual(["DELETE"]);

    const [insert, update, remove] = all as [Change, Change, Change];
    expect(insert).toMatchObject({ schema: "public", table: "contacts", errors: null, old: {} });
    expect(insert.new).toMatchObject({
      id,
      workspace_id: workspace,
      name: "Ada",
      tags: ["vip", "new, hot"],
      attributes: { plan: "pro", seats: 3 },
      phone: null,
    });
    expect(new Date(insert.commit_timestamp).toISOString()).toBe(insert.commit_timestamp);
    expect(Math.abs(Date.parse(insert.commit_timestamp) - Date.now())).toBeLessThan(60_000);
    // Timestamps as PostgREST writes them (to_jsonb), so rows from both compare equal.
    expect((insert.new as { created_at: string }).created_at).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/,
    );

    expect(update.new).toMatchObject({ id, name: "Ada Lovelace" });
    expect(update.old).toMatchObject({ id, name: "Ada" }); // replica identity full: the whole old row
    expect(remove.new).toEqual({});
    expect(remove.old).toMatchObject({ id, name: "Ada Lovelace", workspace_id: workspace });
    await member.removeAllChannels();
  });

  it("applies eq, neq, lt, lte, gt, gte and in filters, comparing numbers as numbers", async () => {
    const flow = await createFlow(db, workspace);
    const filters = [
      "attempt=eq.3",
      "attempt=neq.3",
      "attempt=lt.3",
      "attempt=lte.3",
      "attempt=gt.3",
      "attempt=gte.3",
      "status=in.(failed,cancelled)",
      // 10 > 9 as numbers, though "10" < "9" as text.
      "attempt=gt.9",
    ];
    const { received } = await subscribe(
      member,
      filters.map((filter) => ({ event: "INSERT" as const, table: "flow_executions", filter })),
    );
    const rows: [number, string][] = [
      [1, "pending"],
      [2, "running"],
      [3, "failed"],
      [4, "cancelled"],
      [5, "completed"],
      [10, "running"],
    ];
    for (const [attempt, status] of rows) {
      await db.query(
        "insert into public.flow_executions (flow_id, workspace_id, attempt, status) values ($1, $2, $3, $4)",
        [flow, workspace, attempt, status],
      );
    }
    const expected = [[3], [1, 2, 4, 5, 10], [1, 2], [1, 2, 3], [4, 5, 10], [3, 4, 5, 10], [3, 4], [10]];
    const attempts = () => received.map((changes) => changes.map((c) => (c.new as { attempt: number }).attempt));
    await waitFor(
      () => attempts().every((got, i) => got.length >= (expected[i] as number[]).length),
      "every filter's rows",
    );
    await new Promise((r) => setTimeout(r, 200)); // nothing more should come
    expect(attempts()).toEqual(expected);
    // Typed values: integers and booleans as JSON, not strings.
    const first = received[0]?.[0]?.new as { attempt: unknown; is_test: unknown; metadata: unknown };
    expect(first).toMatchObject({ attempt: 3, is_test: false, metadata: {} });
    await member.removeAllChannels();
  });

  it("filters UPDATE on the new row and DELETE on the old row", async () => {
    const flow = await createFlow(db, workspace);
    const { received } = await subscribe(member, [
      { event: "UPDATE", table: "flow_executions", filter: "status=eq.failed" },
      { event: "DELETE", table: "flow_executions", filter: "status=eq.cancelled" },
    ]);
    const { rows } = await db.query<{ id: string }>(
      `insert into public.flow_executions (flow_id, workspace_id, status)
       values ($1, $2, 'running'), ($1, $2, 'running') returning id`,
      [flow, workspace],
    );
    const [a, b] = rows.map((r) => r.id);
    await db.query("update public.flow_executions set status = 'failed' where id = $1", [a]);
    await db.query("update public.flow_executions set status = 'cancelled' where id = $1", [b]);
    await db.query("delete from public.flow_executions where id = any($1)", [[a, b]]);
    const [updates, deletes] = received as [Change[], Change[]];
    await waitFor(() => updates.length >= 1 && deletes.length >= 1, "the failed update and the cancelled delete");
    await new Promise((r) => setTimeout(r, 200));
    expect(updates.map((c) => [(c.new as { id: string }).id, (c.old as { status: string }).status])).toEqual([
      [a, "running"],
    ]);
    expect(deletes.map((c) => (c.old as { id: string }).id)).toEqual([b]);
    await member.removeAllChannels();
  });

  it("refuses a join with an unknown operator, an unknown column, an unknown table or a NUL", async () => {
    await expect(subscribeRefused(member, { event: "*", table: "contacts", filter: "name=like.A*" })).resolves.toMatch(
      /operator like/,
    );
    await expect(subscribeRefused(member, { event: "*", table: "contacts", filter: "nope=eq.1" })).resolves.toMatch(
      /invalid column for filter nope/,
    );
    await expect(subscribeRefused(member, { event: "*", table: "no_such_table" })).resolves.toMatch(/does not exist/);
    await expect(subscribeRefused(member, { event: "*", table: "contacts\u0000" })).resolves.toBe(
      "table must not contain the NUL character (\\u0000)",
    );
  });

  it("stops delivering once the channel is left", async () => {
    const { channel, received } = await subscribe(member, [
      { event: "INSERT", table: "contacts", filter: `workspace_id=eq.${workspace}` },
    ]);
    await db.query("insert into public.contacts (workspace_id, name) values ($1, 'before leave')", [workspace]);
    await waitFor(() => received[0]?.length === 1, "the first insert");
    expect(await channel.unsubscribe()).toBe("ok");

    // A second subscriber proves the later insert was dispatched.
    const witness = await subscribe(member, [
      { event: "INSERT", table: "contacts", filter: `workspace_id=eq.${workspace}` },
    ]);
    await db.query("insert into public.contacts (workspace_id, name) values ($1, 'after leave')", [workspace]);
    await waitFor(() => witness.received[0]?.length === 1, "the witness's insert");
    await new Promise((r) => setTimeout(r, 100));
    expect(received[0]?.map((c) => (c.new as { name: string }).name)).toEqual(["before leave"]);
    await member.removeAllChannels();
  });
});
