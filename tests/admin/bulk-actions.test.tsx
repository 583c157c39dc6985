// @vitest-environment jsdom

import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BulkActions } from "../../src/admin/components/bulk-actions.tsx";
import { FlowAdminProvider } from "../../src/admin/context.tsx";
import { accessToken, adminDb, type Client, signedInClient, stack } from "../support/clients.ts";
import { callFunction, chain, createContact, createFlow, node, waitForExecution } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import { installBrowserStubs } from "../support/jsdom.ts";

const db = adminDb();
let client: Client;
let failedId: string;
let completedId: string;

beforeAll(async () => {
  installBrowserStubs();
  const workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  client = await signedInClient(user.email, user.password);
  const token = await accessToken(client);
  const flowId = await createFlow(db, workspace, {
    nodes: [node.trigger(), node.email("hi")],
    edges: chain("trigger", "hi"),
  });
  const bounce = await createContact(db, workspace, { name: "Bea Bounce", email: "bea@fail.example" });
  const fine = await createContact(db, workspace, { name: "Fay Fine", email: "fay@example.com" });
  const { body } = await callFunction("enroll-contacts", { flowId, contactIds: [bounce, fine] }, token);
  const [failed, completed] = body.executions as { id: string }[];
  failedId = (await waitForExecution(db, failed?.id as string, (e) => e.status === "failed")).id;
  completedId = (await waitForExecution(db, completed?.id as string, (e) => e.status === "completed")).id;
});
afterEach(cleanup);
afterAll(() => db.end());

function renderActions(props: Parameters<typeof BulkActions>[0]) {
  return render(
    <FlowAdminProvider supabase={client} apiUrl={stack.apiUrl} anonKey={stack.anonKey}>
      <App>
        <BulkActions {...props} />
      </App>
    </FlowAdminProvider>,
  );
}

const button = (name: string) => screen.getByText(name).closest("button") as HTMLButtonElement;

describe("BulkActions", () => {
  it("offers only what the selection's statuses allow", () => {
    renderActions({ executionIds: [completedId], statuses: ["completed"], onDone: () => {} });
    expect(button("Retry from failed step").disabled).toBe(true);
    expect(button("Restart").disabled).toBe(true);
    expect(button("Cancel").disabled).toBe(true);
    cleanup();

    renderActions({ executionIds: [failedId, completedId], statuses: ["failed", "completed"], onDone: () => {} });
    expect(button("Retry from failed step").disabled).toBe(false);
    expect(button("Cancel").disabled).toBe(true);
  });

  it("confirms the count, calls retry-executions, and reports each row", async () => {
    const onDone = vi.fn();
    renderActions({ executionIds: [failedId, completedId], onDone });
    fireEvent.click(button("Restart"));
    await screen.findAllByText("Restart 2 executions from the beginning?");
    fireEvent.click(screen.getAllByText("Restart").at(-1) as HTMLElement);

    await screen.findAllByText("Restart: 1 done, 1 skipped", {}, { timeout: 15_000 });
    expect(screen.getAllByText(completedId.slice(0, 8)).length).toBeGreaterThan(0);
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const { rows } = await db.query("select id from public.flow_executions where retry_of = $1", [failedId]);
    expect(rows).toHaveLength(1);
  });
});
