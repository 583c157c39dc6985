// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EnrollmentHistory } from "../../src/admin/components/enrollment-history.tsx";
import { ExecutionLogs } from "../../src/admin/components/execution-logs.tsx";
import { ContactShow } from "../../src/admin/pages/contacts/show.tsx";
import { ExecutionList } from "../../src/admin/pages/executions/list.tsx";
import { ExecutionShow } from "../../src/admin/pages/executions/show.tsx";
import { FlowShow } from "../../src/admin/pages/flows/show.tsx";
import { adminDb, type Client, signedInClient } from "../support/clients.ts";
import { chain, createContact, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import { installBrowserStubs } from "../support/jsdom.ts";
import { renderInRefineApp } from "../support/refine-app.tsx";

const db = adminDb();
let client: Client;
let flowId: string;

beforeAll(async () => {
  installBrowserStubs();
  const workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  client = await signedInClient(user.email, user.password);
  flowId = await createFlow(db, workspace, {
    nodes: [node.trigger(), node.email("hi")],
    edges: chain("trigger", "hi"),
  });
  const contacts = await Promise.all([
    createContact(db, workspace, { name: "Fiona Failed", email: "fiona@example.com" }),
    createContact(db, workspace, { name: "Carl Completed", email: "carl@example.com" }),
  ]);
  await db.query(
    `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata)
     values ($1, $2, $3, 'failed', '{}'), ($1, $2, $4, 'completed', '{}')`,
    [flowId, workspace, contacts[0], contacts[1]],
  );
});
afterEach(cleanup);
afterAll(() => db.end());

/** The real component on the real stack, in a Refine app as the plugin always is. */
function renderAt(url: string, ui: React.ReactNode) {
  return renderInRefineApp(client, url, ui);
}

describe("EnrollmentHistory", () => {
  it("lists the flow's enrollments with their status badges", async () => {
    renderAt("/", <EnrollmentHistory flowId={flowId} />);
    await screen.findByText("Fiona Failed", {}, { timeout: 15_000 });
    expect(screen.getByText("Carl Completed")).toBeTruthy();
    expect(screen.getByText("Failed")).toBeTruthy();
    expect(screen.getByText("Completed")).toBeTruthy();
    expect(screen.getByText("2 enrollments")).toBeTruthy();
  });

  it("queries with the filters in the URL", async () => {
    renderAt("/?status=failed", <EnrollmentHistory flowId={flowId} />);
    await screen.findByText("Fiona Failed", {}, { timeout: 15_000 });
    await waitFor(() => expect(screen.getByText("1 enrollment")).toBeTruthy());
    expect(screen.queryByText("Carl Completed")).toBeNull();
  });

  it("shows the empty state when nothing matches", async () => {
    renderAt("/?q=nobody-at-all", <EnrollmentHistory flowId={flowId} />);
    await screen.findByText("No enrollments found", {}, { timeout: 15_000 });
  });

  it("starts a new selection when the filters change: an action never reaches rows they hide", async () => {
    renderAt("/", <EnrollmentHistory flowId={flowId} />);
    const fiona = await screen.findByText("Fiona Failed", {}, { timeout: 15_000 });
    fireEvent.click(fiona.closest("tr")?.querySelector("input[type=checkbox]") as HTMLElement);
    await screen.findByText("1 selected");

    const box = screen.getByPlaceholderText("Search name or email");
    fireEvent.change(box, { target: { value: "carl" } });
    fireEvent.keyDown(box, { key: "Enter", code: "Enter", keyCode: 13 });
    fireEvent.keyUp(box, { key: "Enter", code: "Enter", keyCode: 13 });
    await screen.findByText("0 selected");
    await waitFor(() => expect(screen.queryByText("Fiona Failed")).toBeNull(), { timeout: 15_000 });
  });
});

describe("a page past the end", () => {
  it("moves to the last page, replacing the URL", async () => {
    renderInRefineApp(client, "/flow?tab=enrollments&page=999", <EnrollmentHistory flowId={flowId} />);
    await screen.findByText("Fiona Failed", {}, { timeout: 15_000 });
    expect(screen.getByTestId("location").textContent).toBe("?tab=enrollments");
    expect(screen.getByText("2 enrollments")).toBeTruthy();
  });
});

describe("sorting", () => {
  it("links a failed execution to its restart, and does not offer to retry it again", async () => {
    const workspace = (await db.query("select workspace_id from public.flows where id = $1", [flowId])).rows[0]
      .workspace_id as string;
    const flow = await createFlow(db, workspace, { nodes: [node.trigger()], edges: [] });
    const contact = await createContact(db, workspace, { name: "Rita Restarted", email: "rita@example.com" });
    const { rows } = await db.query(
      `with original as (
         insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata, created_at)
         values ($1, $2, $3, 'failed', '{}', now() - interval '1 hour') returning id)
       insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata, retry_of)
       select $1, $2, $3, 'completed', '{}', id from original returning id, retry_of`,
      [flow, workspace, contact],
    );
    const { id: restart, retry_of: original } = rows[0] as { id: string; retry_of: string };
    renderInRefineApp(client, "/flow", <EnrollmentHistory flowId={flow} />);
    const link = await screen.findByRole("link", { name: "Restarted" }, { timeout: 15_000 });
    expect(link.getAttribute("href")).toBe(`/executions/${restart}`);
    const back = screen.getByRole("link", { name: "Restart of" });
    expect(back.getAttribute("href")).toBe(`/executions/${original}`);

    const failedRow = document.querySelector(`tr[data-row-key="${original}"]`) as HTMLElement;
    fireEvent.click(failedRow.querySelector("input[type=checkbox]") as HTMLElement);
    await screen.findByText("1 selected");
    const retry = screen.getByRole("button", { name: "Retry from failed step" }) as HTMLButtonElement;
    expect(retry.disabled).toBe(true);
  });

  it("toggles oldest and newest first by the date column, in the URL", async () => {
    const workspace = (await db.query("select workspace_id from public.flows where id = $1", [flowId])).rows[0]
      .workspace_id as string;
    const sorted = await createFlow(db, workspace, { nodes: [node.trigger()], edges: [] });
    const [older, newer] = await Promise.all([
      createContact(db, workspace, { name: "Olga Older", email: "olga@example.com" }),
      createContact(db, workspace, { name: "Nina Newer", email: "nina@example.com" }),
    ]);
    await db.query(
      `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata, created_at)
       values ($1, $2, $3, 'completed', '{}', now() - interval '2 days'), ($1, $2, $4, 'completed', '{}', now())`,
      [sorted, workspace, older, newer],
    );
    const names = () => [...document.querySelectorAll(".ant-table-row strong")].map((n) => n.textContent);
    renderInRefineApp(client, "/flow?tab=enrollments", <EnrollmentHistory flowId={sorted} />);
    await waitFor(() => expect(names()).toEqual(["Nina Newer", "Olga Older"]), { timeout: 15_000 });

    fireEvent.click(document.querySelector("th.ant-table-column-has-sorters") as HTMLElement);
    await waitFor(() => expect(names()).toEqual(["Olga Older", "Nina Newer"]), { timeout: 15_000 });
    expect(screen.getByTestId("location").textContent).toBe("?tab=enrollments&order=asc");

    fireEvent.click(document.querySelector("th.ant-table-column-has-sorters") as HTMLElement);
    await waitFor(() => expect(names()).toEqual(["Nina Newer", "Olga Older"]), { timeout: 15_000 });
    expect(screen.getByTestId("location").textContent).toBe("?tab=enrollments");
  });
});

describe("the all-flows view", () => {
  it("names the member's only workspace in its queries (its index serves them); a member of two sees both", async () => {
    const workspace = (await db.query("select workspace_id from public.flows where id = $1", [flowId])).rows[0]
      .workspace_id as string;
    const requests: string[] = [];
    const recording: typeof fetch = (input, init) => {
      requests.push(decodeURIComponent(input instanceof Request ? input.url : String(input)));
      return fetch(input, init);
    };
    const member = await createUser(db, { workspaceId: workspace });
    renderInRefineApp(
      await signedInClient(member.email, member.password, { fetch: recording }),
      "/executions",
      <EnrollmentHistory />,
    );
    await screen.findByText("Fiona Failed", {}, { timeout: 15_000 });
    const pageRequests = requests.filter((url) => url.includes("/execution_enrollments?"));
    expect(pageRequests.length).toBeGreaterThan(0);
    expect(pageRequests.every((url) => url.includes(`workspace_id=eq.${workspace}`))).toBe(true);
    cleanup();

    const elsewhere = await createWorkspace(db, "Elsewhere");
    const elsewhereFlow = await createFlow(db, elsewhere, { nodes: [node.trigger()], edges: [] });
    const eli = await createContact(db, elsewhere, { name: "Eli Elsewhere", email: "eli@example.com" });
    await db.query(
      "insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata) values ($1, $2, $3, 'completed', '{}')",
      [elsewhereFlow, elsewhere, eli],
    );
    await db.query("insert into public.workspace_members (workspace_id, user_id, role) values ($1, $2, 'support')", [
      elsewhere,
      member.id,
    ]);
    renderInRefineApp(await signedInClient(member.email, member.password), "/executions", <EnrollmentHistory />);
    await screen.findByText("Eli Elsewhere", {}, { timeout: 15_000 });
    expect(screen.getByText("Fiona Failed")).toBeTruthy();
  });

  it("filters by flow from a picker, and keeps the flow in the URL", async () => {
    const workspace = (await db.query("select workspace_id from public.flows where id = $1", [flowId])).rows[0]
      .workspace_id as string;
    const otherFlow = await createFlow(
      db,
      workspace,
      { nodes: [node.trigger(), node.email("hi")], edges: chain("trigger", "hi") },
      { name: "Other flow" },
    );
    const olive = await createContact(db, workspace, { name: "Olive Other-Flow", email: "olive@example.com" });
    await db.query(
      "insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata) values ($1, $2, $3, 'completed', '{}')",
      [otherFlow, workspace, olive],
    );
    renderInRefineApp(client, "/executions", <EnrollmentHistory />);
    await screen.findByText("Olive Other-Flow", {}, { timeout: 15_000 });
    expect(screen.getByText("Fiona Failed")).toBeTruthy();

    const picker = document.querySelector('input[aria-label="Flow"]')?.closest(".ant-select-selector");
    fireEvent.mouseDown(picker as Element);
    const option = await waitFor(() => {
      const found = document.querySelector('.ant-select-item-option[title="Other flow"]');
      if (!found) throw new Error("no 'Other flow' option");
      return found;
    });
    fireEvent.click(option);
    await waitFor(() => expect(screen.queryByText("Fiona Failed")).toBeNull(), { timeout: 15_000 });
    expect(screen.getByText("Olive Other-Flow")).toBeTruthy();
    expect(screen.getByTestId("location").textContent).toContain(`flow=${otherFlow}`);
  });
});

describe("the Executions page", () => {
  it("counts the flow picked in the filters in its stat cards, and says so; the list counts executions", async () => {
    const workspace = await createWorkspace(db);
    const user = await createUser(db, { workspaceId: workspace });
    const member = await signedInClient(user.email, user.password);
    const definition = { nodes: [node.trigger(), node.email("hi")], edges: chain("trigger", "hi") };
    const [picked, other] = await Promise.all([
      createFlow(db, workspace, definition, { name: "Picked" }),
      createFlow(db, workspace, definition, { name: "Other" }),
    ]);
    await db.query(
      `insert into public.flow_executions (flow_id, workspace_id, status, metadata)
       values ($1, $3, 'failed', '{}'), ($1, $3, 'completed', '{}'), ($2, $3, 'completed', '{}')`,
      [picked, other, workspace],
    );
    const total = () => screen.getByText("Total").closest(".ant-statistic")?.textContent;

    renderInRefineApp(member, "/executions", <ExecutionList />);
    await waitFor(() => expect(total()).toBe("Total3"), { timeout: 15_000 });
    await screen.findByText("3 executions", {}, { timeout: 15_000 });
    expect(screen.getByText(/^Every execution, by status/)).toBeTruthy();
    cleanup();

    renderInRefineApp(member, `/executions?flow=${picked}&status=failed`, <ExecutionList />);
    await waitFor(() => expect(total()).toBe("Total2"), { timeout: 15_000 });
    await screen.findByText("1 execution", {}, { timeout: 15_000 });
    expect(screen.getByText(/^Every execution of the chosen flow, by status/)).toBeTruthy();
  });
});

describe("ExecutionLogs", () => {
  it("shows the empty state for a flow without steps", async () => {
    renderAt("/", <ExecutionLogs flowId={flowId} />);
    await screen.findByText("No logs found", {}, { timeout: 15_000 });
  });

  it("tells a step run again by a retry from the failed step from its first run", async () => {
    const workspace = (await db.query("select workspace_id from public.flows where id = $1", [flowId])).rows[0]
      .workspace_id as string;
    const flow = await createFlow(db, workspace, {
      nodes: [node.trigger(), node.email("hi")],
      edges: chain("trigger", "hi"),
    });
    const contact = await createContact(db, workspace, { name: "Adam Again", email: "adam@example.com" });
    await db.query(
      `with e as (
         insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata, attempt)
         values ($1, $2, $3, 'completed', '{}', 2) returning id)
       insert into public.flow_execution_steps (execution_id, node_id, node_type, status, attempt, created_at)
       select id, 'hi', 'send_email', s.status, s.attempt, now() + s.attempt * interval '1 minute'
         from e, (values ('failed', 1), ('success', 2)) as s (status, attempt)`,
      [flow, workspace, contact],
    );
    renderAt("/", <ExecutionLogs flowId={flow} />);
    await screen.findByText("attempt 2", {}, { timeout: 15_000 });
    const actions = [...document.querySelectorAll(".ant-table-row")].map((row) =>
      [...row.querySelectorAll("td")].map((cell) => cell.textContent).slice(1, 3),
    );
    expect(actions).toEqual([
      ["Send Emailattempt 2", "Success"],
      ["Send Email", "Failed"],
    ]);
  });
});

describe("an execution's page", () => {
  const at = (id: string) =>
    renderAt(
      `/executions/${id}`,
      <Routes>
        <Route path="/executions/:id" element={<ExecutionShow />} />
      </Routes>,
    );

  it("says a malformed id does not exist, without asking the API", async () => {
    at("not-a-uuid");
    expect(screen.getByText("This execution does not exist")).toBeTruthy();
    expect(screen.getByText("All executions").closest("a")?.getAttribute("href")).toBe("/executions");
  });

  it("says an id nobody can see does not exist, rather than showing an error", async () => {
    at("00000000-0000-4000-8000-000000000000");
    await screen.findByText("This execution does not exist", {}, { timeout: 15_000 });
  });

  it("links its contact to the contact's page", async () => {
    const { rows } = await db.query<{ id: string; contact_id: string }>(
      "select id, contact_id from public.flow_executions where flow_id = $1 and status = 'failed'",
      [flowId],
    );
    at(rows[0]?.id as string);
    const contact = await screen.findByText("Fiona Failed", {}, { timeout: 15_000 });
    expect(contact.closest("a")?.getAttribute("href")).toBe(`/contacts/${rows[0]?.contact_id}`);
    expect(screen.getByText("fiona@example.com")).toBeTruthy();
  });
});

describe("a record's breadcrumb", () => {
  it("names the flow, not Refine's 'Show'", async () => {
    const { rows } = await db.query("select name from public.flows where id = $1", [flowId]);
    renderInRefineApp(
      client,
      `/flows/${flowId}`,
      <Routes>
        <Route path="/flows/:id" element={<FlowShow />} />
      </Routes>,
    );
    await waitFor(() => expect(document.querySelector(".ant-breadcrumb")?.textContent).toBe(`Flows/${rows[0]?.name}`), {
      timeout: 15_000,
    });
    expect(screen.getByText("Flows", { selector: ".ant-breadcrumb a" }).getAttribute("href")).toBe("/flows");
  });
});

describe("a flow's tabs", () => {
  it("keep only the shown tab's list mounted: both read ?page= and ?order=", async () => {
    renderInRefineApp(
      client,
      `/flows/${flowId}?tab=enrollments`,
      <Routes>
        <Route path="/flows/:id" element={<FlowShow />} />
      </Routes>,
    );
    await screen.findByText("Fiona Failed", {}, { timeout: 15_000 });
    fireEvent.click(screen.getByRole("tab", { name: "Execution Logs" }));
    await screen.findByText("No logs found", {}, { timeout: 15_000 });
    expect(screen.queryByText("Fiona Failed")).toBeNull();
  });
});

describe("a flow's and a contact's page", () => {
  it("say a missing or malformed id does not exist, with a way back", async () => {
    const workspace = await createWorkspace(db);
    const user = await createUser(db, { workspaceId: workspace });
    const member = await signedInClient(user.email, user.password);
    const pages = (
      <Routes>
        <Route path="/flows/:id" element={<FlowShow />} />
        <Route path="/contacts/:id" element={<ContactShow />} />
      </Routes>
    );
    for (const [url, says, back] of [
      ["/flows/not-a-uuid", "This flow does not exist", "All flows"],
      ["/flows/00000000-0000-4000-8000-000000000000", "This flow does not exist", "All flows"],
      [`/flows/${flowId}`, "This flow does not exist", "All flows"], // another workspace's
      ["/contacts/00000000-0000-4000-8000-000000000000", "This contact does not exist", "All contacts"],
      ["/contacts/1234", "This contact does not exist", "All contacts"],
    ] as const) {
      renderInRefineApp(member, url, pages);
      await screen.findByText(says, {}, { timeout: 15_000 });
      expect(screen.getByText(back).closest("a")?.getAttribute("href")).toBe(
        back === "All flows" ? "/flows" : "/contacts",
      );
      cleanup();
    }
  });
});
