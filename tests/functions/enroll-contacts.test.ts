import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminDb, stack } from "../support/clients.ts";
import { callFunction, chain, createContact, createFlow, node } from "../support/engine.ts";
import { createWorkspace, memberToken as newMemberToken } from "../support/fixtures.ts";

const db = adminDb();
let workspace: string;
let memberToken: string;
let outsiderToken: string;
let flowId: string;
let contactId: string;

async function executionCount() {
  const { rows } = await db.query<{ n: number }>(
    "select count(*)::int as n from public.flow_executions where workspace_id = $1",
    [workspace],
  );
  return rows[0]?.n;
}

beforeAll(async () => {
  workspace = await createWorkspace(db);
  memberToken = await newMemberToken(db, workspace);
  outsiderToken = await newMemberToken(db, await createWorkspace(db));
  flowId = await createFlow(db, workspace, {
    nodes: [node.trigger(), node.email("hi")],
    edges: chain("trigger", "hi"),
  });
  contactId = await createContact(db, workspace);
});
afterAll(() => db.end());

describe("enroll-contacts refuses what it should, and writes nothing when it does", () => {
  it.each([
    ["no token at all", undefined, 401, /Bearer/],
    ["the anon key instead of a user token", "anon", 401, /signed-in user/],
    ["a forged token", "forged", 401, /invalid or expired/],
  ])("401 for %s", async (_label, which, status, message) => {
    const token = which === "anon" ? stack.anonKey : which === "forged" ? `${memberToken.slice(0, -3)}abc` : undefined;
    const res = await fetch(`${stack.apiUrl}/functions/v1/enroll-contacts`, {
      method: "POST",
      headers: {
        apikey: stack.anonKey,
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ flowId, contactIds: [contactId] }),
    });
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(message);
  });

  it.each([
    ["a body that is not JSON", "{oops", /not valid JSON/],
    ["a missing flowId", { contactIds: [randomUUID()] }, /flowId/],
    ["a flowId that is not a UUID", { flowId: "flow-1", contactIds: [randomUUID()] }, /flowId: flowId must be a UUID/],
    [
      "an empty contact list",
      { flowId: randomUUID(), contactIds: [] },
      /contactIds: contactIds must list at least one/,
    ],
    ["a contact id that is not a UUID", { flowId: randomUUID(), contactIds: ["x"] }, /contactIds\.0/],
    ["an unknown reason", { flowId: randomUUID(), contactIds: [randomUUID()], reason: "api" }, /reason/],
    ["isTest that is not a boolean", { flowId: randomUUID(), contactIds: [randomUUID()], isTest: "yes" }, /isTest/],
  ])("400 naming the field for %s", async (_label, body, message) => {
    const { status, body: answer } = await callFunction("enroll-contacts", body, memberToken);
    expect(status).toBe(400);
    expect(answer.error).toMatch(message);
  });

  it("403 for a flow of a workspace the caller does not belong to", async () => {
    const { status, body } = await callFunction("enroll-contacts", { flowId, contactIds: [contactId] }, outsiderToken);
    expect(status).toBe(403);
    expect(body.error).toMatch(/not a member/);
  });

  it("403 for a viewer of the flow's workspace, and nothing is enrolled", async () => {
    const viewerToken = await newMemberToken(db, workspace, "viewer");
    const before = await db.query("select count(*)::int as n from public.flow_executions where flow_id = $1", [flowId]);
    const { status, body } = await callFunction("enroll-contacts", { flowId, contactIds: [contactId] }, viewerToken);
    expect(status).toBe(403);
    expect(body.error).toMatch(/viewers .* can look, not change anything/);
    const after = await db.query("select count(*)::int as n from public.flow_executions where flow_id = $1", [flowId]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it("404 for an unknown flow", async () => {
    const { status } = await callFunction(
      "enroll-contacts",
      { flowId: randomUUID(), contactIds: [contactId] },
      memberToken,
    );
    expect(status).toBe(404);
  });

  it("404 naming the contacts that are unknown or belong to another workspace, and enrolls none", async () => {
    const before = await executionCount();
    const elsewhere = await createContact(db, await createWorkspace(db));
    const ghost = randomUUID();
    const { status, body } = await callFunction(
      "enroll-contacts",
      { flowId, contactIds: [contactId, elsewhere, ghost] },
      memberToken,
    );
    expect(status).toBe(404);
    expect(body.error).toContain(elsewhere);
    expect(body.error).toContain(ghost);
    expect(await executionCount()).toBe(before);
  });

  it("409 when the flow is not active", async () => {
    const draft = await createFlow(db, workspace, { nodes: [node.trigger()], edges: [] }, { status: "draft" });
    const { status, body } = await callFunction(
      "enroll-contacts",
      { flowId: draft, contactIds: [contactId] },
      memberToken,
    );
    expect(status).toBe(409);
    expect(body.error).toMatch(/draft, not active/);
  });

  it("409 naming the node when an active flow's stored definition is invalid", async () => {
    const broken = await createFlow(db, workspace, { nodes: [node.trigger(), node.email("lonely")], edges: [] });
    const { status, body } = await callFunction(
      "enroll-contacts",
      { flowId: broken, contactIds: [contactId] },
      memberToken,
    );
    expect(status).toBe(409);
    expect(body.error).toMatch(/node "lonely": node is not reachable/);
  });

  it("enrolls several contacts at once, de-duplicating repeated ids, as test runs when asked", async () => {
    const second = await createContact(db, workspace);
    const { status, body } = await callFunction(
      "enroll-contacts",
      { flowId, contactIds: [contactId, second, contactId], isTest: true, reason: "webhook", source: "api" },
      memberToken,
    );
    expect(status).toBe(200);
    const executions = body.executions as { id: string; contactId: string }[];
    expect(executions.map((e) => e.contactId).sort()).toEqual([contactId, second].sort());
    const { rows } = await db.query(
      "select is_test, enrollment_reason, metadata->'trigger'->>'source' as source from public.flow_executions where id = any($1)",
      [executions.map((e) => e.id)],
    );
    expect(rows).toEqual([
      { is_test: true, enrollment_reason: "webhook", source: "api" },
      { is_test: true, enrollment_reason: "webhook", source: "api" },
    ]);
  });

  it("answers with one execution per contact, in the order the request listed them", async () => {
    const created = await Promise.all(Array.from({ length: 8 }, () => createContact(db, workspace)));
    // Neither the order they were created in nor the primary key's order.
    const contactIds = [...created].sort().reverse();
    const { status, body } = await callFunction("enroll-contacts", { flowId, contactIds }, memberToken);
    expect(status).toBe(200);
    expect((body.executions as { contactId: string }[]).map((e) => e.contactId)).toEqual(contactIds);
  });
});
