import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken, adminDb, signedInClient } from "../support/clients.ts";
import {
  callFunction,
  chain,
  createContact,
  createFlow,
  execution,
  node,
  outbox,
  steps,
  waitForExecution,
} from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
let workspace: string;
let token: string;

beforeAll(async () => {
  workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  const client = await signedInClient(user.email, user.password);
  token = await accessToken(client);
});
afterAll(() => db.end());

async function enrollOne(flowId: string, contactId: string, extra: Record<string, unknown> = {}) {
  const { status, body } = await callFunction("enroll-contacts", { flowId, contactIds: [contactId], ...extra }, token);
  expect(status, JSON.stringify(body)).toBe(200);
  const executions = body.executions as { id: string; contactId: string; status: string }[];
  expect(executions).toEqual([{ id: expect.any(String), contactId, status: "pending" }]);
  return (executions[0] as { id: string }).id;
}

describe("the design's manual test: Email → Delay → Email", () => {
  it("waits on the delay with next_execution_at, then sends the second email and completes", async () => {
    const due = new Date(Date.now() + 2_500);
    const flowId = await createFlow(db, workspace, {
      nodes: [node.trigger(), node.email("welcome"), node.delayUntil("wait", due), node.email("tips")],
      edges: chain("trigger", "welcome", "wait", "tips"),
    });
    const contactId = await createContact(db, workspace, { name: "Dana Delay", email: "dana@example.com" });
    const id = await enrollOne(flowId, contactId, { source: "contact_page" });

    const waiting = await waitForExecution(db, id, (e) => e.next_execution_at !== null);
    expect(waiting.status).toBe("running");
    expect(waiting.current_node_id).toBe("wait");
    expect(waiting.next_execution_at?.toISOString()).toBe(due.toISOString());
    expect(waiting.metadata).toMatchObject({
      isTest: false,
      contact: { id: contactId, name: "Dana Delay", email: "dana@example.com", tags: "[]" },
      trigger: { type: "manual", source: "contact_page", workflow_id: flowId },
      contactId,
      workspaceId: workspace,
      workflowDefinition: { id: flowId, name: "Test flow" },
    });
    expect((await steps(db, id)).map((s) => [s.node_id, s.status])).toEqual([
      ["trigger", "success"],
      ["welcome", "success"],
      ["wait", "running"],
    ]);
    expect(await outbox(db, id)).toHaveLength(1);

    const done = await waitForExecution(db, id, (e) => e.status === "completed");
    expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
    expect(done.next_execution_at).toBeNull();
    expect(done.completed_at).not.toBeNull();
    expect(done.result).toMatchObject({ path: ["trigger", "welcome", "wait", "tips"] });
    const all = await steps(db, id);
    expect(all.map((s) => [s.node_id, s.status])).toEqual([
      ["trigger", "success"],
      ["welcome", "success"],
      ["wait", "success"],
      ["tips", "success"],
    ]);
    expect(all.every((s) => s.duration_ms !== null && s.completed_at !== null)).toBe(true);
    expect(all[1]?.result).toEqual({
      success: true,
      to: "dana@example.com",
      subject: "Subject of welcome",
      messageId: expect.stringMatching(/^outbox_/),
      sentAt: expect.any(String),
      provider: "outbox",
    });
    const messages = await outbox(db, id);
    expect(messages.map((m) => [m.node_id, m.recipient])).toEqual([
      ["welcome", "dana@example.com"],
      ["tips", "dana@example.com"],
    ]);
    // The step names the message it captured.
    expect(all[1]?.result?.messageId).toBe(`outbox_${messages[0]?.id}`);
  });
});

describe("conditions", () => {
  const definition = {
    nodes: [
      node.trigger(),
      {
        id: "is_vip",
        type: "condition" as const,
        config: { field: "tags" as const, operator: "contains" as const, value: "vip" },
      },
      { id: "tag", type: "add_tag" as const, config: { tag: "welcomed" } },
      node.email("vip_email"),
      node.sms("standard_sms"),
      node.exit("done"),
    ],
    edges: [
      { id: "a", source: "trigger", target: "is_vip" },
      { id: "b", source: "is_vip", target: "tag", branch: "yes" as const },
      { id: "c", source: "is_vip", target: "standard_sms", branch: "no" as const },
      { id: "d", source: "tag", target: "vip_email" },
      { id: "e", source: "vip_email", target: "done" },
      { id: "f", source: "standard_sms", target: "done" },
    ],
  };

  it("records the branch taken and marks every node on the other branch skipped", async () => {
    const flowId = await createFlow(db, workspace, definition);
    const vip = await createContact(db, workspace, { tags: ["vip"] });
    const id = await enrollOne(flowId, vip);
    await waitForExecution(db, id, (e) => e.status === "completed");
    const all = await steps(db, id);
    expect(Object.fromEntries(all.map((s) => [s.node_id, s.status]))).toEqual({
      trigger: "success",
      is_vip: "success",
      tag: "success",
      vip_email: "success",
      standard_sms: "skipped",
      done: "success",
    });
    expect(all.find((s) => s.node_id === "is_vip")?.result).toMatchObject({ branch: "yes", actual: ["vip"] });
    const { rows } = await db.query("select tags from public.contacts where id = $1", [vip]);
    expect(rows[0].tags).toEqual(["vip", "welcomed"]);
  });

  it("takes the no branch for a contact without the tag", async () => {
    const flowId = await createFlow(db, workspace, definition);
    const plain = await createContact(db, workspace, { tags: ["newsletter"] });
    const id = await enrollOne(flowId, plain);
    await waitForExecution(db, id, (e) => e.status === "completed");
    const byNode = Object.fromEntries((await steps(db, id)).map((s) => [s.node_id, s.status]));
    expect(byNode).toMatchObject({ tag: "skipped", vip_email: "skipped", standard_sms: "success", done: "success" });
    expect((await outbox(db, id)).map((m) => m.channel)).toEqual(["sms"]);
  });
});

describe("failures and cancellation", () => {
  it("marks the failing step and the execution failed with the error, and runs nothing further", async () => {
    const flowId = await createFlow(db, workspace, {
      nodes: [node.trigger(), node.email("first"), node.sms("after")],
      edges: chain("trigger", "first", "after"),
    });
    const contact = await createContact(db, workspace, { email: "bounce@fail.example" });
    const id = await enrollOne(flowId, contact);
    const failed = await waitForExecution(db, id, (e) => e.status === "failed");
    expect(failed.error).toContain("bounce@fail.example");
    expect(failed.current_node_id).toBe("first");
    expect(failed.completed_at).not.toBeNull();
    expect((await steps(db, id)).map((s) => [s.node_id, s.status, s.error !== null])).toEqual([
      ["trigger", "success", false],
      ["first", "failed", true],
    ]);
    expect(await outbox(db, id)).toEqual([]);
  });

  it("honours cancelled before the next node: a cancelled delayed execution sends nothing more", async () => {
    const flowId = await createFlow(db, workspace, {
      nodes: [
        node.trigger(),
        node.email("first"),
        node.delayUntil("wait", new Date(Date.now() + 1_500)),
        node.email("second"),
      ],
      edges: chain("trigger", "first", "wait", "second"),
    });
    const id = await enrollOne(flowId, await createContact(db, workspace));
    await waitForExecution(db, id, (e) => e.next_execution_at !== null);
    await db.query("update public.flow_executions set status = 'cancelled' where id = $1", [id]);
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await execution(db, id)).status).toBe("cancelled");
    expect((await outbox(db, id)).map((m) => m.node_id)).toEqual(["first"]);
    expect((await steps(db, id)).map((s) => s.node_id)).not.toContain("second");
  });
});
