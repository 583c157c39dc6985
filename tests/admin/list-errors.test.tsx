// @vitest-environment jsdom

import { createClient } from "@supabase/supabase-js";
import { cleanup, screen } from "@testing-library/react";
import { afterEach, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { ContactsTable } from "../../src/admin/components/contacts-table.tsx";
import { EnrollmentHistory } from "../../src/admin/components/enrollment-history.tsx";
import { FlowList } from "../../src/admin/pages/flows/list.tsx";
import type { Database } from "../../src/domain/database.types.ts";
import { freePort } from "../../src/local/ports.ts";
import { stack } from "../support/clients.ts";
import { installBrowserStubs } from "../support/jsdom.ts";
import { renderInRefineApp } from "../support/refine-app.tsx";

beforeAll(installBrowserStubs);
afterEach(cleanup);

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
