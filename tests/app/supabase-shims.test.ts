import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import GoTrueAdminApi from "../../vite/shims/auth-admin-api.ts";
import { browserSupportsWebAuthn, createCredential, WebAuthnApi } from "../../vite/shims/auth-webauthn.ts";
import { RealtimeClient } from "../../vite/shims/realtime-js.ts";
import { accessToken, adminDb, signedInClient, stack } from "../support/clients.ts";
import { chain, createContact, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

// The production build gives supabase-js these in place of parts of auth-js and realtime-js
// (vite/narrow-imports.ts); tests/e2e/production-build.test.ts runs that build in a browser.
const db = adminDb();
afterAll(() => db.end());

describe("the deferred Realtime client", () => {
  it("passes the token set before it loaded, then bindings and subscribe in order, to the real client", async () => {
    const workspace = await createWorkspace(db);
    const user = await createUser(db, { workspaceId: workspace });
    const token = await accessToken(await signedInClient(user.email, user.password));
    const flowId = await createFlow(db, workspace, {
      nodes: [node.trigger(), node.email("hi")],
      edges: chain("trigger", "hi"),
    });

    const realtimeUrl = `${stack.apiUrl.replace(/^http/, "ws")}/realtime/v1`;
    const client = new RealtimeClient(realtimeUrl, {
      params: { apikey: stack.anonKey },
      transport: WebSocket as never,
    });
    // supabase-js sets the session's token as soon as it has one: before any channel exists.
    await client.setAuth(token);

    const changes: unknown[] = [];
    const statuses: string[] = [];
    const channel = client
      .channel("shim-test")
      .on("postgres_changes", { event: "INSERT", schema: "public", table: "flow_executions" }, (change: unknown) =>
        changes.push(change),
      )
      .subscribe((status) => statuses.push(status));
    expect(client.getChannels()).toEqual([channel]);
    await expect.poll(() => statuses, { timeout: 10_000 }).toContain("SUBSCRIBED");

    // Row-level security lets the user see their workspace's execution: the token was passed on.
    const contactId = await createContact(db, workspace, { name: "Rhea Realtime", email: "rhea@example.com" });
    await db.query(
      `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata)
       values ($1, $2, $3, 'pending', '{}')`,
      [flowId, workspace, contactId],
    );
    await expect.poll(() => changes.length, { timeout: 10_000 }).toBe(1);

    expect(await client.removeChannel(channel)).toBe("ok");
    expect(client.getChannels()).toEqual([]);
  }, 30_000);
});

describe("the auth-js stand-ins", () => {
  it("refuses every admin API call: it takes the service-role key, which a browser never holds", () => {
    const admin = new GoTrueAdminApi() as unknown as { listUsers(): unknown; then?: unknown };
    expect(() => admin.listUsers()).toThrow(/service-role key/);
    // Not mistaken for a promise when awaited or returned from an async function.
    expect(admin.then).toBeUndefined();
  });

  it("reports no WebAuthn support and refuses WebAuthn calls", () => {
    expect(browserSupportsWebAuthn()).toBe(false);
    expect(() => createCredential()).toThrow(/WebAuthn is not bundled/);
    expect(() => new WebAuthnApi().enroll()).toThrow(/WebAuthn is not bundled/);
  });
});
