import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { PgExecutionStore } from "../../src/engine/pg-store.ts";
import { OutboxMessenger } from "../../src/engine/providers/outbox.ts";
import { adminDb } from "../support/clients.ts";
import { chain, createContact, createFlow, node, outbox, steps } from "../support/engine.ts";
import { createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
const store = new PgExecutionStore(db);
const messenger = new OutboxMessenger(store);
let workspace: string;
let flowId: string;
let contactId: string;

beforeAll(async () => {
  workspace = await createWorkspace(db);
  flowId = await createFlow(db, workspace, {
    nodes: [node.trigger(), node.email("hi")],
    edges: chain("trigger", "hi"),
  });
  contactId = await createContact(db, workspace, { name: "Olga Outbox", email: "olga@example.com" });
});
afterAll(() => db.end());

/** An execution loaded by the store, as a runner loads it (no job: the test drives the store). */
async function loadedExecution(): Promise<string> {
  const {
    rows: [row],
  } = await db.query<{ id: string }>(
    "insert into public.flow_executions (flow_id, workspace_id, contact_id, metadata) values ($1, $2, $3, '{}') returning id",
    [flowId, workspace, contactId],
  );
  const id = (row as { id: string }).id;
  await store.load(id);
  return id;
}

function sendHi(executionId: string) {
  return messenger.sendEmail({
    workspaceId: workspace,
    executionId,
    nodeId: "hi",
    to: "olga@example.com",
    subject: "Hi",
    body: "Hello",
    idempotencyKey: `${executionId}:hi:1`,
  });
}

it("captures an outbox message with the execution's next write, under the id the send returned", async () => {
  const id = await loadedExecution();
  const sent = await sendHi(id);
  expect(await outbox(db, id)).toEqual([]);

  await store.complete(id, 1, {});
  const messages = await outbox(db, id);
  expect(messages.map((m) => `outbox_${m.id}`)).toEqual([sent.messageId]);

  // A replay of the same send (same key) names the same message and captures no copy.
  await db.query("update public.flow_executions set status = 'running' where id = $1", [id]);
  expect((await sendHi(id)).messageId).toBe(sent.messageId);
  await store.complete(id, 1, {});
  expect(await outbox(db, id)).toHaveLength(1);
});

/** A run of attempt 1 that sent "hi" and recorded its step, completing once `meanwhile` committed. */
async function runSendingHi(meanwhile: (id: string) => Promise<unknown>): Promise<string> {
  const id = await loadedExecution();
  await sendHi(id);
  await store.recordStep(id, node.email("hi"), 1, { success: true });
  await meanwhile(id);
  await store.complete(id, 1, {});
  return id;
}

/** Some columns of the execution's row. */
async function executionRow(id: string, columns: string) {
  const { rows } = await db.query(`select ${columns} from public.flow_executions where id = $1`, [id]);
  return rows[0];
}

it("captures nothing and records no step when a cancel committed before the write", async () => {
  const id = await runSendingHi((id) =>
    db.query("update public.flow_executions set status = 'cancelled' where id = $1", [id]),
  );
  expect(await outbox(db, id)).toEqual([]);
  expect(await steps(db, id)).toEqual([]);
});

it("writes nothing on load; the run's first write starts the execution at the time it was loaded", async () => {
  const id = await loadedExecution();
  const execution = () => executionRow(id, "status, started_at, completed_at");
  expect(await execution()).toMatchObject({ status: "pending", started_at: null });

  await store.recordStep(id, node.trigger(), 1, {});
  await store.complete(id, 1, {});
  const done = await execution();
  const [trigger] = await steps(db, id);
  expect(done.status).toBe("completed");
  expect(trigger?.started_at).toBeInstanceOf(Date);
  expect(done.started_at.getTime()).toBeLessThanOrEqual(Number(trigger?.started_at));
  expect(done.started_at.getTime()).toBeLessThanOrEqual(done.completed_at.getTime());
});

it("loads a finished execution without changing it, and a later write leaves it as it was", async () => {
  const id = await loadedExecution();
  await db.query("update public.flow_executions set status = 'cancelled' where id = $1", [id]);
  expect((await store.load(id))?.status).toBe("cancelled");
  await store.complete(id, 1, {});
  expect(await executionRow(id, "status, started_at")).toEqual({ status: "cancelled", started_at: null });
});

it("writes nothing more to a cancelled execution's wait", async () => {
  const id = await loadedExecution();
  const delay = node.delayUntil("wait", new Date(Date.now() + 3_600_000));
  expect(await store.startStep(id, delay, 1)).toBeInstanceOf(Date);
  await db.query("update public.flow_executions set status = 'cancelled', completed_at = now() where id = $1", [id]);

  await store.waitUntil(id, "wait", 1, new Date(Date.now() + 3_600_000));
  expect(await executionRow(id, "status, next_execution_at")).toEqual({ status: "cancelled", next_execution_at: null });
});

it("lets a leftover run of an earlier attempt write nothing to a retry's", async () => {
  // Retried meanwhile (as retry-executions does): pending again, at attempt 2.
  const id = await runSendingHi((id) => db.query("update public.flow_executions set attempt = 2 where id = $1", [id]));
  expect(await executionRow(id, "status, attempt")).toEqual({ status: "pending", attempt: 2 });
  expect(await steps(db, id)).toEqual([]);
  expect(await outbox(db, id)).toEqual([]);
});

// Last in this file: the engine's clock stays ahead for the rest of the process.
it("starts no later than the database's now, even when the engine's clock runs ahead", async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3_600_000 });
  try {
    const id = await loadedExecution();
    await store.recordStep(id, node.trigger(), 1, {});
    await store.complete(id, 1, {});
    const row = await executionRow(id, "status, started_at <= completed_at and completed_at <= now() as ordered");
    expect(row).toEqual({ status: "completed", ordered: true });
  } finally {
    vi.useRealTimers();
  }
});
