// @vitest-environment jsdom

import { createClient } from "@supabase/supabase-js";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { ContactsTable } from "../../src/admin/components/contacts-table.tsx";
import { EnrollmentHistory } from "../../src/admin/components/enrollment-history.tsx";
import { FlowList } from "../../src/admin/pages/flows/list.tsx";
import type { Database } from "../../src/domain/database.types.ts";
import { freePort } from "../../src/local/ports.ts";
import { adminDb, stack } from "../support/clients.ts";
import { createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import { installBrowserStubs } from "../support/jsdom.ts";
import { renderInRefineApp } from "../support/refine-app.tsx";

const db = adminDb();
beforeAll(installBrowserStubs);
afterEach(cleanup);
afterAll(() => db.end());

/** A client whose API is down: nothing listens on its port. */
async function apiDown() {
  return createClient<Database>(`http://127.0.0.1:${await freePort()}`, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
}

it.each([
  ["the flows", "/flows", <FlowList key="flows" />, "Could not load flows"],
  ["the contacts", "/contacts", <ContactsTable key="contacts" />, "Could not load contacts"],
  ["the enrollment history", "/executions", <EnrollmentHistory key="enrollments" />, "Could not load enrollments"],
])("a list whose read fails says so: %s", async (what, url, ui, emptyText) => {
  renderInRefineApp(await apiDown(), url, ui);
  await screen.findByText(`Could not load ${what}`, {}, { timeout: 15_000 });
  expect(screen.getAllByText(emptyText).length).toBeGreaterThan(0);
  expect(screen.queryByText(/^No (flows yet|contacts found|enrollments found)$/)).toBeNull();
});

it("a failed list offers Retry, which reads again once the API is back", async () => {
  const workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  await createFlow(db, workspace, { nodes: [node.trigger()], edges: [] }, { name: "Back after the outage" });
  let down = true;
  // The REST API answers 500 while "down" (supabase-js does not retry that); sign-in still works.
  const client = createClient<Database>(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    global: {
      fetch: (input, init) =>
        down && String(input instanceof Request ? input.url : input).includes("/rest/v1/")
          ? Promise.resolve(Response.json({ message: "the API is down" }, { status: 500 }))
          : fetch(input, init),
    },
  });
  await client.auth.signInWithPassword({ email: user.email, password: user.password });

  renderInRefineApp(client, "/flows", <FlowList />);
  await screen.findByText("Could not load the flows", {}, { timeout: 15_000 });
  down = false;
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  await screen.findByText("Back after the outage", {}, { timeout: 15_000 });
  expect(screen.queryByText("Could not load the flows")).toBeNull();
});
