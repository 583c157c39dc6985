import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminDb, type Client, serviceClient } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import {
  accessToken,
  clientWithToken,
  closeAll,
  REALTIME_TIMEOUT_MS,
  type Subscription,
  sleep,
  subscribe,
  subscribeRefused,
  TEST_TIMEOUT,
  waitFor,
} from "./support.ts";

/**
 * The subscriber's token decides delivery for as long as the channel lives: an expired or
 * invalid token stops it (with Realtime's system error message), a fresh one pushed with
 * `realtime.setAuth` resumes it. Changes made while stopped are not replayed.
 */

const db = adminDb();
const clients: Client[] = [];
let workspace: string;
let userId: string;
let witness: Subscription;

beforeAll(async () => {
  workspace = await createWorkspace(db);
  userId = (await createUser(db, { workspaceId: workspace })).id;
  const service = serviceClient();
  clients.push(service);
  witness = await subscribe(service, [{ event: "INSERT", table: "contacts", filter: `workspace_id=eq.${workspace}` }]);
});

afterAll(async () => {
  await closeAll(clients);
  await db.end();
});

async function insertContact(name: string): Promise<void> {
  await db.query("insert into public.contacts (workspace_id, name) values ($1, $2)", [workspace, name]);
}

const names = (subscription: Subscription) =>
  (subscription.received[0] ?? []).map((c) => (c.new as { name: string }).name);

/** Inserts until one arrives: the token update travels on the socket, the insert through the WAL. */
async function insertUntilDelivered(subscription: Subscription, prefix: string): Promise<void> {
  const deadline = Date.now() + REALTIME_TIMEOUT_MS;
  for (let i = 0; Date.now() < deadline; i++) {
    await insertContact(`${prefix} ${i}`);
    await sleep(200);
    if (names(subscription).some((n) => n.startsWith(prefix))) return;
  }
  throw new Error(`nothing named ${prefix} arrived`);
}

/** Inserts `name` and waits until the service-role witness has it: dispatched to everyone by then. */
async function insertWitnessed(name: string): Promise<void> {
  await insertContact(name);
  await waitFor(() => names(witness).includes(name), `the witness to see ${name}`);
  await sleep(100);
}

describe("Realtime access tokens", TEST_TIMEOUT, () => {
  it("stops delivery on an expired token from setAuth and resumes on a fresh one", async () => {
    const client = await clientWithToken(await accessToken(userId));
    clients.push(client);
    const sub = await subscribe(client, [
      { event: "INSERT", table: "contacts", filter: `workspace_id=eq.${workspace}` },
    ]);
    await insertWitnessed("before");
    expect(names(sub)).toEqual(["before"]);

    await client.realtime.setAuth(await accessToken(userId, -30));
    await waitFor(() => sub.system.some((m) => m.status === "error"), "the system error");
    expect(sub.system.find((m) => m.status === "error")).toMatchObject({
      extension: "system",
      message: expect.stringMatching(
        /^Received an invalid access token from client: Token has expired \d+ seconds ago$/,
      ),
    });
    await insertWitnessed("while expired");

    await client.realtime.setAuth(await accessToken(userId));
    await insertUntilDelivered(sub, "after refresh");
    expect(names(sub)).not.toContain("while expired");
    expect(names(sub)[0]).toBe("before");
    await client.removeAllChannels();
  });

  it("stops delivery when the token expires while subscribed", async () => {
    const client = await clientWithToken(await accessToken(userId, 2));
    clients.push(client);
    const sub = await subscribe(client, [
      { event: "INSERT", table: "contacts", filter: `workspace_id=eq.${workspace}` },
    ]);
    await insertWitnessed("fresh token");
    await waitFor(() => sub.system.some((m) => m.status === "error"), "the expiry message", 5_000);
    expect(sub.system.find((m) => m.status === "error")?.message).toMatch(/^Token has expired \d+ seconds ago$/);
    await insertWitnessed("stale token");
    expect(names(sub)).toEqual(["fresh token"]);

    await client.realtime.setAuth(await accessToken(userId));
    await insertUntilDelivered(sub, "renewed");
    expect(names(sub)).not.toContain("stale token");
    await client.removeAllChannels();
  });

  it("stops delivery on a token with a bad signature", async () => {
    const client = await clientWithToken(await accessToken(userId));
    clients.push(client);
    const sub = await subscribe(client, [
      { event: "INSERT", table: "contacts", filter: `workspace_id=eq.${workspace}` },
    ]);
    const forged = `${(await accessToken(userId)).slice(0, -4)}AAAA`;
    await client.realtime.setAuth(forged);
    await waitFor(() => sub.system.some((m) => m.status === "error"), "the system error");
    expect(sub.system.find((m) => m.status === "error")?.message).toBe(
      "Received an invalid access token from client: Invalid JWT Token",
    );
    await insertWitnessed("forged");
    expect(names(sub)).toEqual([]);
    await client.removeAllChannels();
  });

  it("refuses to join with an expired token", async () => {
    const client = await clientWithToken(await accessToken(userId, -5));
    clients.push(client);
    await expect(subscribeRefused(client, { event: "*", table: "contacts" })).resolves.toMatch(/Token has expired/);
  });
});
