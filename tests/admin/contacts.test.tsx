// @vitest-environment jsdom

import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { Route, Routes } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ContactTimeline } from "../../src/admin/components/contact-timeline.tsx";
import { ContactsTable } from "../../src/admin/components/contacts-table.tsx";
import { SendFlowButton } from "../../src/admin/components/send-flow-button.tsx";
import { ContactShow } from "../../src/admin/pages/contacts/show.tsx";
import { adminDb, type Client, signedInClient } from "../support/clients.ts";
import { chain, createContact, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import { installBrowserStubs } from "../support/jsdom.ts";
import { renderInRefineApp } from "../support/refine-app.tsx";

const db = adminDb();
let client: Client;
let workspace: string;
const flows = { welcome: "", winback: "" };
const contacts = { ann: "", bob: "", odd: "" };

const emailFlow = { nodes: [node.trigger(), node.email("hi")], edges: chain("trigger", "hi") };

beforeAll(async () => {
  installBrowserStubs();
  workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  client = await signedInClient(user.email, user.password);
  flows.welcome = await createFlow(db, workspace, emailFlow, { name: "Welcome series" });
  flows.winback = await createFlow(db, workspace, emailFlow, { name: "Winback" });
  await createFlow(db, workspace, emailFlow, { name: "Draft flow", status: "draft" });
  contacts.ann = await createContact(db, workspace, { name: "Ann Alpha", email: "ann@example.com", tags: ["vip"] });
  contacts.bob = await createContact(db, workspace, { name: "Bob Beta", email: "bob@example.com" });
  contacts.odd = await createContact(db, workspace, { name: "100% Odd, (Ltd)", email: "odd@example.com" });

  const other = await createWorkspace(db, "Someone else's workspace");
  await createContact(db, other, { name: "Ann Stranger", email: "ann@stranger.example" });

  // Ann went through both flows: the winback first, the welcome series a day later.
  await db.query(
    `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, enrollment_reason, metadata, created_at)
     values ($1, $3, $4, 'completed', 'scheduled', '{}', now() - interval '2 days'),
            ($2, $3, $4, 'failed', 'manual', '{"trigger": {"type": "manual", "source": "contact_page"}}', now() - interval '1 day')`,
    [flows.winback, flows.welcome, workspace, contacts.ann],
  );
});
afterEach(cleanup);
afterAll(async () => {
  await client.removeAllChannels();
  await db.end();
});

function renderAt(url: string, ui: ReactNode) {
  return renderInRefineApp(client, url, ui);
}

function namesShown(): string[] {
  return Array.from(document.querySelectorAll(".ant-table-tbody tr[data-row-key] td:nth-child(2)")).map(
    (cell) => cell.textContent ?? "",
  );
}

function search(term: string) {
  const box = screen.getByPlaceholderText("Search name or email");
  fireEvent.change(box, { target: { value: term } });
  fireEvent.keyDown(box, { key: "Enter", code: "Enter", keyCode: 13 });
  // A key held down searches once: antd waits for its release before the next Enter.
  fireEvent.keyUp(box, { key: "Enter", code: "Enter", keyCode: 13 });
}

async function chooseFlow(name: string) {
  const select = await waitFor(
    () => {
      const found = document.querySelector(".ant-modal .ant-select-selector");
      if (!found) throw new Error("no flow picker");
      return found as HTMLElement;
    },
    { timeout: 10_000 },
  );
  fireEvent.mouseDown(select);
  const option = await waitFor(
    () => {
      const found = document.querySelector(`.ant-select-item-option[title="${name}"]`);
      if (!found) throw new Error(`no option ${name}`);
      return found as HTMLElement;
    },
    { timeout: 10_000 },
  );
  fireEvent.click(option);
}

describe("ContactsTable", () => {
  it("lists the workspace's contacts, newest first, and no one else's", async () => {
    renderAt("/contacts", <ContactsTable />);
    await screen.findByText("Ann Alpha", {}, { timeout: 15_000 });
    expect(namesShown()).toEqual(["100% Odd, (Ltd)", "Bob Beta", "Ann Alpha"]);
    expect(screen.getByText("3 contacts")).toBeTruthy();
    expect(screen.getByText("vip")).toBeTruthy();
    expect(screen.queryByText("Ann Stranger")).toBeNull();
  });

  it("sorts by name or date from the headers, in the URL, starting again at page 1", async () => {
    renderAt("/contacts", <ContactsTable />);
    await screen.findByText("Ann Alpha", {}, { timeout: 15_000 });
    const header = (title: string) =>
      [...document.querySelectorAll<HTMLElement>("th.ant-table-column-has-sorters")].find((th) =>
        th.textContent?.includes(title),
      ) as HTMLElement;

    fireEvent.click(header("Name"));
    await waitFor(() => expect(namesShown()).toEqual(["100% Odd, (Ltd)", "Ann Alpha", "Bob Beta"]));
    expect(screen.getByTestId("location").textContent).toBe("?sort=name");

    fireEvent.click(header("Name"));
    await waitFor(() => expect(namesShown()).toEqual(["Bob Beta", "Ann Alpha", "100% Odd, (Ltd)"]));
    expect(screen.getByTestId("location").textContent).toBe("?sort=name&order=desc");

    // Back to the default sort, newest first: a clean URL.
    fireEvent.click(header("Created"));
    await waitFor(() => expect(namesShown()).toEqual(["100% Odd, (Ltd)", "Bob Beta", "Ann Alpha"]));
    expect(screen.getByTestId("location").textContent).toBe("");
  });

  it("moves a page past the end to the last page, replacing the URL, without an error", async () => {
    renderAt("/contacts?q=a&page=999", <ContactsTable />);
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("?q=a"), { timeout: 15_000 });
    await waitFor(() => expect(namesShown().length).toBeGreaterThan(0), { timeout: 15_000 });
    expect(screen.queryByText("Could not load the contacts")).toBeNull();
  });

  it("reads the sort from the URL, ignoring a field it cannot sort by", async () => {
    renderAt("/contacts?sort=created_at&order=asc", <ContactsTable />);
    await waitFor(() => expect(namesShown()).toEqual(["Ann Alpha", "Bob Beta", "100% Odd, (Ltd)"]), {
      timeout: 15_000,
    });
    cleanup();
    renderAt("/contacts?sort=email", <ContactsTable />);
    await waitFor(() => expect(namesShown()).toEqual(["100% Odd, (Ltd)", "Bob Beta", "Ann Alpha"]), {
      timeout: 15_000,
    });
  });

  it("searches name or email, case-insensitively, and keeps the term in the URL", async () => {
    renderAt("/contacts", <ContactsTable />);
    await screen.findByText("Ann Alpha", {}, { timeout: 15_000 });
    search("BOB@");
    await waitFor(() => expect(namesShown()).toEqual(["Bob Beta"]));
    expect(screen.getByTestId("location").textContent).toBe("?q=BOB%40");
    search("alpha");
    await waitFor(() => expect(namesShown()).toEqual(["Ann Alpha"]));
  });

  it("reads the search from the URL and matches `%`, `,` and `(` literally", async () => {
    // As a like pattern, `%` alone would match every contact.
    renderAt("/contacts?q=%25", <ContactsTable />);
    await screen.findByText("100% Odd, (Ltd)", {}, { timeout: 15_000 });
    await waitFor(() => expect(namesShown()).toEqual(["100% Odd, (Ltd)"]));
    search("odd, (l");
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("?q=odd%2C+%28l"));
    await waitFor(() => expect(namesShown()).toEqual(["100% Odd, (Ltd)"]));
    expect(screen.queryByText("Could not")).toBeNull();
  });

  it("says so when nothing matches", async () => {
    renderAt("/contacts?q=nobody-at-all", <ContactsTable />);
    await screen.findByText("No contacts found", {}, { timeout: 15_000 });
    expect(namesShown()).toEqual([]);
  });
});

describe("ContactShow", () => {
  it("shows the contact, its timeline and Send Flow", async () => {
    renderAt(
      `/contacts/${contacts.ann}`,
      <Routes>
        <Route path="/contacts/:id" element={<ContactShow />} />
      </Routes>,
    );
    // While the contact loads: Send Flow, disabled, and not Refine's default list and refresh buttons.
    expect(screen.getByText("Send Flow").closest("button")?.disabled).toBe(true);
    expect(screen.queryByText("Refresh")).toBeNull();
    await screen.findByText("ann@example.com", {}, { timeout: 15_000 });
    expect(screen.getAllByText("Ann Alpha").length).toBeGreaterThan(0);
    expect(screen.getByText("vip")).toBeTruthy();
    await screen.findByText("Welcome series", {}, { timeout: 15_000 });
    expect(screen.getByText("Winback")).toBeTruthy();
    expect(screen.getByText("Send Flow").closest("button")?.disabled).toBe(false);
  });
});

describe("ContactTimeline", () => {
  it("shows the contact's executions across flows, newest first, with links", async () => {
    renderAt(`/contacts/${contacts.ann}`, <ContactTimeline contactId={contacts.ann} />);
    const welcome = await screen.findByText("Welcome series", {}, { timeout: 15_000 });
    expect(welcome.closest("a")?.getAttribute("href")).toBe(`/flows/${flows.welcome}`);
    const rows = Array.from(document.querySelectorAll(".ant-table-tbody tr[data-row-key]"));
    expect(rows.map((row) => row.querySelector("td")?.textContent)).toEqual(["Welcome series", "Winback"]);
    expect(within(rows[0] as HTMLElement).getByText("Failed")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText("Manual Send (Contact Page)")).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText("Completed")).toBeTruthy();
    const view = within(rows[1] as HTMLElement)
      .getByText("View")
      .closest("a");
    expect(view?.getAttribute("href")).toBe(`/executions/${rows[1]?.getAttribute("data-row-key")}`);

    // Oldest first from the date column's header, as in Enrollment History.
    fireEvent.click(document.querySelector("th.ant-table-column-has-sorters") as HTMLElement);
    const flowsShown = () =>
      [...document.querySelectorAll(".ant-table-tbody tr[data-row-key]")].map(
        (row) => row.querySelector("td")?.textContent,
      );
    await waitFor(() => expect(flowsShown()).toEqual(["Winback", "Welcome series"]));
    expect(screen.getByTestId("location").textContent).toBe("?order=asc");
  });

  it("says so when the contact never entered a flow", async () => {
    renderAt(`/contacts/${contacts.bob}`, <ContactTimeline contactId={contacts.bob} />);
    await screen.findByText("This contact has not entered any flow yet", {}, { timeout: 15_000 });
  });
});

// Each of these makes a real function call and waits for the lists it invalidates.
const SEND_TIMEOUT = 60_000;

describe("Send Flow", () => {
  it(
    "enrolls the selected contacts in an active flow and links each new execution",
    async () => {
      const fresh = {
        cleo: await createContact(db, workspace, { name: "Cleo Send" }),
        dan: await createContact(db, workspace, { name: "Dan Send" }),
      };
      renderAt("/contacts?q=send", <ContactsTable />);
      await screen.findByText("Cleo Send", {}, { timeout: 15_000 });
      for (const id of Object.values(fresh)) {
        const row = document.querySelector(`tr[data-row-key="${id}"]`) as HTMLElement;
        fireEvent.click(within(row).getByRole("checkbox"));
      }
      await screen.findByText("2 selected");
      fireEvent.click(screen.getByText("Send Flow"));
      await chooseFlow("Welcome series");
      expect(document.querySelector('.ant-select-item-option[title="Draft flow"]')).toBeNull();
      fireEvent.click(await screen.findByText("Enroll 2 contacts"));

      await screen.findByText("Enrolled 2 contacts in Welcome series", {}, { timeout: 15_000 });
      const links = screen.getAllByText("View execution").map((link) => link.getAttribute("href"));
      const { rows } = await db.query<{ id: string; contact_id: string; enrollment_reason: string; source: string }>(
        `select id, contact_id, enrollment_reason, metadata #>> '{trigger,source}' as source
         from public.flow_executions where flow_id = $1 and contact_id = any($2::uuid[])`,
        [flows.welcome, Object.values(fresh)],
      );
      expect(rows.map((r) => r.contact_id).sort()).toEqual(Object.values(fresh).sort());
      expect(rows.every((r) => r.enrollment_reason === "manual" && r.source === "contact_page")).toBe(true);
      expect(links.sort()).toEqual(rows.map((r) => `/executions/${r.id}`).sort());
      // The result has the focus, so Escape closes it as it closed the picker.
      expect(document.activeElement?.textContent).toBe("Close");
      fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape", code: "Escape", keyCode: 27 });
      await screen.findByText("0 selected");
    },
    SEND_TIMEOUT,
  );

  it(
    "updates the contact's timeline after sending",
    async () => {
      const eve = await createContact(db, workspace, { name: "Eve Timeline" });
      renderAt(
        `/contacts/${eve}`,
        <>
          <SendFlowButton contacts={[{ id: eve, name: "Eve Timeline", workspace_id: workspace }]} />
          <ContactTimeline contactId={eve} />
        </>,
      );
      await screen.findByText("This contact has not entered any flow yet", {}, { timeout: 15_000 });
      fireEvent.click(screen.getByText("Send Flow"));
      await chooseFlow("Winback");
      fireEvent.click(await screen.findByText("Enroll 1 contact"));
      await screen.findByText("Enrolled 1 contact in Winback", {}, { timeout: 15_000 });
      const flowLink = await screen.findByText("Winback", { selector: "a" }, { timeout: 15_000 });
      expect(flowLink.getAttribute("href")).toBe(`/flows/${flows.winback}`);
    },
    SEND_TIMEOUT,
  );

  it(
    "warns when a contact is already in progress in the flow picked",
    async () => {
      const gil = await createContact(db, workspace, { name: "Gil Going" });
      await db.query(
        `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata)
         values ($1, $2, $3, 'running', '{}')`,
        [flows.winback, workspace, gil],
      );
      renderAt("/", <SendFlowButton contacts={[{ id: gil, name: "Gil Going", workspace_id: workspace }]} />);
      fireEvent.click(screen.getByText("Send Flow"));
      await chooseFlow("Winback");
      await screen.findByText("Gil Going is already in progress in Winback", {}, { timeout: 15_000 });
      await chooseFlow("Welcome series");
      await waitFor(() => expect(screen.queryByText(/already in progress/)).toBeNull(), { timeout: 15_000 });
    },
    SEND_TIMEOUT,
  );

  it(
    "shows the server's reason when the flow was paused meanwhile",
    async () => {
      const flow = await createFlow(db, workspace, emailFlow, { name: "Soon paused" });
      const fay = await createContact(db, workspace, { name: "Fay Paused" });
      renderAt("/", <SendFlowButton contacts={[{ id: fay, name: "Fay Paused", workspace_id: workspace }]} />);
      fireEvent.click(screen.getByText("Send Flow"));
      await chooseFlow("Soon paused");
      await db.query("update public.flows set status = 'paused' where id = $1", [flow]);
      fireEvent.click(await screen.findByText("Enroll 1 contact"));

      await screen.findByText("The flow was not sent", {}, { timeout: 15_000 });
      expect(screen.getByText('flow "Soon paused" is paused, not active')).toBeTruthy();
      const { rows } = await db.query("select 1 from public.flow_executions where contact_id = $1", [fay]);
      expect(rows).toHaveLength(0);
    },
    SEND_TIMEOUT,
  );
});
