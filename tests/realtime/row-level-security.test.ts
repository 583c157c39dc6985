import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminDb, anonClient, type Client, serviceClient, signedInClient } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import {
  accessToken,
  type Change,
  clientWithToken,
  closeAll,
  createFlow,
  subscribe,
  TEST_TIMEOUT,
  waitFor,
} from "./support.ts";

/**
 * A change reaches a subscriber only when that subscriber may select the row, as decided by
 * Postgres's RLS policies for their token. Each "receives nothing" is checked against a
 * witness (a member) who did receive the same change, so silence means refusal, not delay.
 */

const db = adminDb();
const clients: Client[] = [];
let workspace: string;
let member: Client;
let outsider: Client;

function track<T extends Client>(client: T): T {
  clients.push(client);
  return client;
}

beforeAll(async () => {
  workspace = await createWorkspace(db, "Realtime A");
  const elsewhere = await createWorkspace(db, "Realtime B");
  const memberUser = await createUser(db, { workspaceId: workspace });
  const outsiderUser = await createUser(db, { workspaceId: elsewhere });
  // One signs in through the auth API, as the admin does; the other joins with a minted token.
  member = track(await signedInClient(memberUser.email, memberUser.password));
  outsider = track(await clientWithToken(await accessToken(outsiderUser.id)));
});

afterAll(async () => {
  await closeAll(clients);
  await db.end();
});

const names = (changes: Change[] | undefined) =>
  (changes ?? []).map((c) => ((c.eventType === "DELETE" ? c.old : c.new) as { name: string }).name);

describe("Realtime and row level security", TEST_TIMEOUT, () => {
  it("gives a member their workspace's changes, and a member of another workspace and anon nothing", async () => {
    const binding = { event: "*" as const, table: "contacts" };
    const mine = await subscribe(member, [binding]);
    const theirs = await subscribe(outsider, [binding]);
    const anon = await subscribe(track(anonClient()), [binding]);
    const service = await subscribe(track(serviceClient()), [{ ...binding, filter: `workspace_id=eq.${workspace}` }]);

    const { rows } = await db.query<{ id: string }>(
      "insert into public.contacts (workspace_id, name) values ($1, 'secret') returning id",
      [workspace],
    );
    await db.query("update public.contacts set name = 'still secret' where id = $1", [rows[0]?.id]);
    await waitFor(() => mine.received[0]?.length === 2 && service.received[0]?.length === 2, "member and service");
    await new Promise((r) => setTimeout(r, 200));

    expect(names(mine.received[0])).toEqual(["secret", "still secret"]);
    expect(names(service.received[0])).toEqual(["secret", "still secret"]); // service_role bypasses RLS
    expect(theirs.received[0]).toEqual([]);
    expect(anon.received[0]).toEqual([]);
    await Promise.all(clients.map((c) => c.removeAllChannels()));
  });

  it("sends anon nothing from any protected table, even unfiltered", async () => {
    const flow = await createFlow(db, workspace);
    const anon = await subscribe(track(anonClient()), [
      { event: "*", table: "flow_executions" },
      { event: "*", table: "flows" },
    ]);
    const witness = await subscribe(member, [{ event: "INSERT", table: "flow_executions" }]);
    await db.query("insert into public.flow_executions (flow_id, workspace_id) values ($1, $2)", [flow, workspace]);
    await waitFor(() => witness.received[0]?.length === 1, "the member's insert");
    await new Promise((r) => setTimeout(r, 200));
    expect(anon.received.flat()).toEqual([]);
    await Promise.all(clients.map((c) => c.removeAllChannels()));
  });

  it("delivers a DELETE, with the old row, only to those whose policies admit the deleted row", async () => {
    const { rows } = await db.query<{ id: string }>(
      "insert into public.contacts (workspace_id, name) values ($1, 'to delete') returning id",
      [workspace],
    );
    const mine = await subscribe(member, [{ event: "DELETE", table: "contacts" }]);
    const theirs = await subscribe(outsider, [{ event: "DELETE", table: "contacts" }]);
    const anon = await subscribe(track(anonClient()), [{ event: "DELETE", table: "contacts" }]);

    await db.query("delete from public.contacts where id = $1", [rows[0]?.id]);
    await waitFor(() => mine.received[0]?.length === 1, "the member's delete");
    await new Promise((r) => setTimeout(r, 200));
    expect(mine.received[0]?.[0]?.old).toMatchObject({ id: rows[0]?.id, workspace_id: workspace, name: "to delete" });
    expect(theirs.received[0]).toEqual([]);
    expect(anon.received[0]).toEqual([]);
    await Promise.all(clients.map((c) => c.removeAllChannels()));
  });

  it("still delivers an insert whose row was deleted before dispatch, judged on the inserted row", async () => {
    const mine = await subscribe(member, [{ event: "*", table: "contacts" }]);
    const theirs = await subscribe(outsider, [{ event: "*", table: "contacts" }]);
    // One transaction: by the time Realtime sees the insert, the row is already gone.
    const client = await db.connect();
    try {
      await client.query("begin");
      const { rows } = await client.query<{ id: string }>(
        "insert into public.contacts (workspace_id, name) values ($1, 'gone at once') returning id",
        [workspace],
      );
      await client.query("delete from public.contacts where id = $1", [rows[0]?.id]);
      await client.query("commit");
    } finally {
      client.release();
    }
    await waitFor(() => (mine.received[0]?.length ?? 0) >= 2, "the insert and the delete");
    await new Promise((r) => setTimeout(r, 200));
    expect(mine.received[0]?.map((c) => [c.eventType, names([c])[0]])).toEqual([
      ["INSERT", "gone at once"],
      ["DELETE", "gone at once"],
    ]);
    expect(theirs.received[0]).toEqual([]);
    await Promise.all(clients.map((c) => c.removeAllChannels()));
  });

  it("follows membership as it changes: a user removed from the workspace stops receiving", async () => {
    const user = await createUser(db, { workspaceId: workspace });
    const leaving = track(await clientWithToken(await accessToken(user.id)));
    const theirs = await subscribe(leaving, [{ event: "INSERT", table: "contacts" }]);
    const witness = await subscribe(member, [{ event: "INSERT", table: "contacts" }]);
    await db.query("insert into public.contacts (workspace_id, name) values ($1, 'while member')", [workspace]);
    await waitFor(() => theirs.received[0]?.length === 1, "the insert while a member");

    await db.query("delete from public.workspace_members where user_id = $1", [user.id]);
    await db.query("insert into public.contacts (workspace_id, name) values ($1, 'after removal')", [workspace]);
    await waitFor(() => witness.received[0]?.length === 2, "the witness's second insert");
    await new Promise((r) => setTimeout(r, 200));
    expect(names(theirs.received[0])).toEqual(["while member"]);
    await Promise.all(clients.map((c) => c.removeAllChannels()));
  });
});
