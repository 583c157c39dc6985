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
    renderActions({ selection: [{ id: completedId, status: "completed" }], onDone: () => {} });
    expect(button("Retry from failed step").disabled).toBe(true);
    expect(button("Restart").disabled).toBe(true);
    expect(button("Cancel").disabled).toBe(true);
    cleanup();

    renderActions({
      selection: [
        { id: failedId, status: "failed" },
        { id: completedId, status: "completed" },
      ],
      onDone: () => {},
    });
    expect(button("Retry from failed step").disabled).toBe(false);
    expect(button("Cancel").disabled).toBe(true);
    cleanup();

    // A failed attempt is retried once: restarted already, it is not offered again.
    renderActions({ selection: [{ id: failedId, status: "failed", restarted: true }], onDone: () => {} });
    expect(button("Retry from failed step").disabled).toBe(true);
    expect(button("Restart").disabled).toBe(true);
  });

  it("says why an action is disabled", async () => {
    renderActions({ selection: [{ id: failedId, status: "failed", restarted: true }], onDone: () => {} });
    fireEvent.mouseEnter(button("Restart").parentElement as HTMLElement);
    expect((await screen.findByRole("tooltip")).textContent).toBe("Applies to Failed executions not restarted yet");
    cleanup();

    renderActions({ selection: [], onDone: () => {} });
    fireEvent.mouseEnter(button("Cancel").parentElement as HTMLElement);
    expect((await screen.findByRole("tooltip")).textContent).toBe("Select executions first");
  });

  it("counts only the rows an action touches, with a confirm button that says what it does", async () => {
    renderActions({
      selection: [
        { id: failedId, status: "failed", contactName: "Bea Bounce" },
        { id: completedId, status: "completed", contactName: "Fay Fine" },
      ],
      onDone: () => {},
    });
    fireEvent.click(button("Retry from failed step"));
    await screen.findAllByText("Retry 1 execution from the failed step?");
    expect(
      screen.getAllByText("1 of the 2 selected is not Failed, or was restarted already, and will be left as it is.")
        .length,
    ).toBeGreaterThan(0);
    expect(screen.getAllByText("Retry").map((label) => label.closest("button"))).not.toContain(null);
    expect(screen.getAllByText("Back").length).toBeGreaterThan(0);
    // Whose execution it changes, and only theirs.
    expect(screen.getByText("Bea Bounce", { selector: ".ant-modal-confirm .ant-typography" })).toBeTruthy();
    expect(screen.queryByText(/Fay Fine/, { selector: ".ant-modal-confirm .ant-typography" })).toBeNull();
  });

  it("names the first ten contacts a confirmation touches, and counts the rest", async () => {
    const selection = Array.from({ length: 12 }, (_, i) => ({
      id: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, "0")}`,
      status: "running" as const,
      contactName: `Contact ${i + 1}`,
    }));
    renderActions({ selection, onDone: () => {} });
    fireEvent.click(button("Cancel"));
    await screen.findAllByText("Cancel 12 executions?");
    const names = selection.slice(0, 10).map((row) => row.contactName);
    expect(screen.getByText(`${names.join(", ")} and 2 more`)).toBeTruthy();
  });

  it("confirms the count, calls retry-executions, and reports each row by contact", async () => {
    const onDone = vi.fn();
    renderActions({
      selection: [
        { id: failedId, contactName: "Bea Bounce" },
        { id: completedId, contactName: "Fay Fine" },
      ],
      onDone,
    });
    fireEvent.click(button("Restart"));
    await screen.findAllByText("Restart 2 executions from the beginning?");
    fireEvent.click(screen.getAllByText("Restart").at(-1) as HTMLElement);

    await screen.findAllByText("Restart: 1 done, 1 skipped", {}, { timeout: 15_000 });
    const { rows } = await db.query("select id from public.flow_executions where retry_of = $1", [failedId]);
    expect(rows).toHaveLength(1);
    const report = (name: string) => screen.getByText(name).closest("li")?.textContent;
    expect(report("Bea Bounce")).toBe(`Bea Bounce restarted as ${String(rows[0]?.id).slice(0, 8)}`);
    expect(report("Fay Fine")).toMatch(/^Fay Fine skipped: status is completed/);
    await waitFor(() => expect(onDone).toHaveBeenCalled());
  });
});
