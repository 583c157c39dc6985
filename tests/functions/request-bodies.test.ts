import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminDb } from "../support/clients.ts";
import { callFunction, chain, createContact, createFlow, node } from "../support/engine.ts";
import { createWorkspace, memberToken } from "../support/fixtures.ts";

/**
 * What every function does with a body it cannot act on exactly as written: a field it does
 * not know (a misspelt optional field would otherwise be ignored, and the request do more
 * than was asked) and text holding U+0000 (which Postgres can neither store nor compare).
 * Each is a 400 naming the field, and nothing is written.
 */
const db = adminDb();
let workspace: string;
let token: string;
let flowId: string;
let contactId: string;

async function written() {
  const { rows } = await db.query(
    `select (select count(*)::int from public.flow_executions where workspace_id = $1) as executions,
            (select count(*)::int from public.flows where workspace_id = $1) as flows,
            (select name from public.flows where id = $2) as flow_name`,
    [workspace, flowId],
  );
  return rows[0];
}

beforeAll(async () => {
  workspace = await createWorkspace(db);
  token = await memberToken(db, workspace);
  flowId = await createFlow(db, workspace, {
    nodes: [node.trigger(), node.email("hi")],
    edges: chain("trigger", "hi"),
  });
  contactId = await createContact(db, workspace);
});
afterAll(() => db.end());

describe("request bodies", () => {
  const bodies = () => ({
    "enroll-contacts": { flowId, contactIds: [contactId], isTest: true },
    "save-flow": { id: flowId, name: "Renamed" },
    "retry-executions": { executionIds: [randomUUID()], mode: "restart" },
    "cancel-executions": { executionIds: [randomUUID()] },
    "export-executions": { kind: "logs", flowId },
  });
  const names = Object.keys(bodies()) as (keyof ReturnType<typeof bodies>)[];

  it.each(names)("%s: a field it does not know is a 400 naming it", async (name) => {
    const before = await written();
    const { status, body } = await callFunction(name, { ...bodies()[name], is_test: true }, token);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid request: body: unknown field "is_test"');
    expect(await written()).toEqual(before);
  });

  it.each([
    ["enroll-contacts", "source", () => ({ flowId, contactIds: [contactId], source: "import\u0000" })],
    ["save-flow", "name", () => ({ id: flowId, name: "Re\u0000named" })],
    ["save-flow", "description", () => ({ id: flowId, description: "a\u0000b" })],
    [
      "save-flow",
      "definition.nodes.1.config.subject",
      () => ({
        id: flowId,
        definition: { nodes: [node.trigger(), node.email("hi", "Sub\u0000ject")], edges: chain("trigger", "hi") },
      }),
    ],
    ["export-executions", "filters.search", () => ({ kind: "logs", filters: { search: "ann\u0000" } })],
    [
      "export-executions",
      "filters.actionType.0",
      () => ({ kind: "logs", filters: { actionType: ["send_email\u0000"] } }),
    ],
  ] as const)("%s: text holding U+0000 is a 400 naming %s, and nothing is written", async (name, path, body) => {
    const before = await written();
    const answer = await callFunction(name, body(), token);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe(`invalid request: ${path}: must not contain the NUL character (\\u0000)`);
    expect(await written()).toEqual(before);
  });

  it("a misspelt filter of an export is named, not ignored (which would export every row)", async () => {
    const { status, body } = await callFunction(
      "export-executions",
      { kind: "enrollments", filters: { actionType: ["send_email"] } },
      token,
    );
    expect(status).toBe(400);
    expect(body.error).toBe('invalid request: filters: unknown filter "actionType"');
  });
});
