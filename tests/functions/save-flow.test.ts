import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken, adminDb, type Client, signedInClient } from "../support/clients.ts";
import { callFunction, chain, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
let workspace: string;
let token: string;
let client: Client;

const valid = { nodes: [node.trigger(), node.email("hi")], edges: chain("trigger", "hi") };
const invalid = {
  nodes: [node.trigger(), { id: "hi", type: "send_email", config: { body: "no subject" } }],
  edges: chain("trigger", "hi"),
};

beforeAll(async () => {
  workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  client = await signedInClient(user.email, user.password);
  token = await accessToken(client);
});
afterAll(() => db.end());

describe("saving flows", () => {
  it("creates and activates a valid flow", async () => {
    const { status, body } = await callFunction(
      "save-flow",
      { workspaceId: workspace, name: "Saved", status: "active", definition: valid },
      token,
    );
    expect(status).toBe(201);
    expect(body.flow).toMatchObject({ name: "Saved", status: "active", workspace_id: workspace });
  });

  it("refuses an invalid definition with 422 naming the node and field, and keeps the old one", async () => {
    const id = await createFlow(db, workspace, valid);
    const { status, body } = await callFunction("save-flow", { id, definition: invalid }, token);
    expect(status).toBe(422);
    expect(body.error).toContain('node "hi": config.subject');
    expect(body.details).toEqual({ problems: [expect.objectContaining({ nodeId: "hi", field: "config.subject" })] });
    const { rows } = await db.query("select definition from public.flows where id = $1", [id]);
    expect(rows[0].definition).toEqual(valid);
  });

  it("refuses to activate a flow whose stored definition is empty", async () => {
    const { body } = await callFunction("save-flow", { workspaceId: workspace, name: "Empty draft" }, token);
    const id = (body.flow as { id: string; status: string }).id;
    expect((body.flow as { status: string }).status).toBe("draft");
    const { status, body: refused } = await callFunction("save-flow", { id, status: "active" }, token);
    expect(status).toBe(422);
    expect(refused.error).toMatch(/exactly one trigger/);
  });

  it("refuses a definition or status written straight through the REST API", async () => {
    const id = await createFlow(db, workspace, valid, { status: "draft" });
    const definition = await client.from("flows").update({ definition: invalid }).eq("id", id).select();
    expect(definition.error?.code).toBe("42501");
    const status = await client.from("flows").update({ status: "active" }).eq("id", id).select();
    expect(status.error?.code).toBe("42501");
    const rename = await client.from("flows").update({ name: "Renamed" }).eq("id", id).select("name");
    expect(rename.error).toBeNull();
    expect(rename.data).toEqual([{ name: "Renamed" }]);
  });

  it("403 for another workspace, 404 for an unknown flow, 400 without id or workspaceId", async () => {
    const elsewhere = await createFlow(db, await createWorkspace(db), valid);
    expect((await callFunction("save-flow", { id: elsewhere, name: "Mine now" }, token)).status).toBe(403);
    expect(
      (await callFunction("save-flow", { id: "00000000-0000-4000-8000-00000000abcd", name: "x" }, token)).status,
    ).toBe(404);
    const missing = await callFunction("save-flow", { name: "Nowhere" }, token);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/workspaceId/);
  });
});
