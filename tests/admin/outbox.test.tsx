// @vitest-environment jsdom

import { randomUUID } from "node:crypto";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OutboxList } from "../../src/admin/pages/outbox/list.tsx";
import { outboxResource } from "../../src/admin/resources.ts";
import { adminDb, type Client, signedInClient } from "../support/clients.ts";
import { chain, createContact, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import { installBrowserStubs } from "../support/jsdom.ts";
import { renderInRefineApp } from "../support/refine-app.tsx";

const db = adminDb();
let client: Client;
let workspace: string;
let executionId: string;

async function createExecution(workspaceId: string): Promise<string> {
  const flowId = await createFlow(db, workspaceId, {
    nodes: [node.trigger(), node.email("hi")],
    edges: chain("trigger", "hi"),
  });
  const contactId = await createContact(db, workspaceId);
  const { rows } = await db.query<{ id: string }>(
    `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata)
     values ($1, $2, $3, 'completed', '{}') returning id`,
    [flowId, workspaceId, contactId],
  );
  return (rows[0] as { id: string }).id;
}

/** The row the engine's outbox provider writes for a send (service role, bypassing RLS). */
async function capture(
  workspaceId: string,
  execution: string,
  message: { channel: "email" | "sms"; recipient: string; subject?: string; body: string },
) {
  await db.query(
    `insert into public.outbox_messages
       (workspace_id, execution_id, node_id, channel, recipient, subject, body, idempotency_key)
     values ($1, $2, 'hi', $3, $4, $5, $6, $7)`,
    [workspaceId, execution, message.channel, message.recipient, message.subject ?? null, message.body, randomUUID()],
  );
}

beforeAll(async () => {
  installBrowserStubs();
  workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  client = await signedInClient(user.email, user.password);
  executionId = await createExecution(workspace);
  // One at a time, so each has a later `created_at` than the one before.
  await capture(workspace, executionId, {
    channel: "email",
    recipient: "ann@example.com",
    subject: "Welcome Ann",
    body: "Hello Ann,\nwelcome aboard.",
  });
  await capture(workspace, executionId, { channel: "sms", recipient: "+15550100200", body: "Your code is 1234" });
  await capture(workspace, executionId, { channel: "email", recipient: "lin%anne@example.com", body: "percent" });
  await capture(workspace, executionId, { channel: "email", recipient: "lo,ve@example.com", body: "comma" });

  const other = await createWorkspace(db, "Someone else's workspace");
  await capture(other, await createExecution(other), {
    channel: "email",
    recipient: "stranger@example.com",
    body: "not yours",
  });
});
afterEach(cleanup);
afterAll(async () => {
  await client.removeAllChannels();
  await db.end();
});

function renderOutbox(url = "/outbox") {
  return renderInRefineApp(
    client,
    url,
    <Routes>
      <Route path="/outbox" element={<OutboxList />} />
    </Routes>,
    [outboxResource],
  );
}

function recipientsShown(): string[] {
  return Array.from(document.querySelectorAll(".ant-table-tbody tr[data-row-key] td:nth-child(3)")).map(
    (cell) => cell.textContent ?? "",
  );
}

function searchRecipient(term: string) {
  const search = screen.getByPlaceholderText("Search recipient");
  fireEvent.change(search, { target: { value: term } });
  fireEvent.keyDown(search, { key: "Enter", code: "Enter", keyCode: 13 });
  // A key held down searches once: antd waits for its release before the next Enter.
  fireEvent.keyUp(search, { key: "Enter", code: "Enter", keyCode: 13 });
  fireEvent.keyUp(search, { key: "Enter", code: "Enter", keyCode: 13 });
}

describe("Outbox", () => {
  it("lists the workspace's captured messages, newest first, and no one else's", async () => {
    renderOutbox();
    await screen.findByText("ann@example.com", {}, { timeout: 15_000 });
    expect(recipientsShown()).toEqual(["lo,ve@example.com", "lin%anne@example.com", "+15550100200", "ann@example.com"]);
    expect(screen.queryByText("stranger@example.com")).toBeNull();
    expect(screen.getByText("4 messages")).toBeTruthy();
    expect(screen.getByText("SMS")).toBeTruthy();
    expect(screen.getAllByText("Email")).toHaveLength(3);
    expect(screen.getByText("Welcome Ann")).toBeTruthy();
    const links = screen.getAllByText("View execution").map((button) => button.closest("a")?.getAttribute("href"));
    expect(links).toContain(`/executions/${executionId}`);
  });

  it("expands a message to its whole body", async () => {
    renderOutbox();
    const row = (await screen.findByText("ann@example.com", {}, { timeout: 15_000 })).closest("tr") as HTMLElement;
    fireEvent.click(within(row).getByLabelText("Expand row"));
    await waitFor(() =>
      expect(
        screen.getByText(
          (_, element) => element?.tagName === "DIV" && element.textContent === "Hello Ann,\nwelcome aboard.",
        ),
      ).toBeTruthy(),
    );
  });

  it("filters by channel from the URL", async () => {
    renderOutbox("/outbox?channel=sms");
    await screen.findByText("+15550100200", {}, { timeout: 15_000 });
    await waitFor(() => expect(recipientsShown()).toEqual(["+15550100200"]));
  });

  it("searches recipients literally, `%` and `,` included", async () => {
    renderOutbox();
    await screen.findByText("ann@example.com", {}, { timeout: 15_000 });
    // As a like pattern, `n%a` would match ann@example.com too.
    searchRecipient("n%a");
    await waitFor(() => expect(recipientsShown()).toEqual(["lin%anne@example.com"]));

    searchRecipient("lo,ve");
    await waitFor(() => expect(recipientsShown()).toEqual(["lo,ve@example.com"]));
  });

  it("says so when no message matches, not that nothing was captured", async () => {
    renderOutbox("/outbox?q=nobody-at-all");
    await screen.findByText("No messages match the filters", {}, { timeout: 15_000 });
  });

  it("shows a message captured while the page is open", async () => {
    renderOutbox();
    await screen.findByText("ann@example.com", {}, { timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the subscription joins
    await capture(workspace, executionId, { channel: "sms", recipient: "+15550199999", body: "Just now" });
    await screen.findByText("+15550199999", {}, { timeout: 10_000 });
    expect(recipientsShown()[0]).toBe("+15550199999");
  });
});
