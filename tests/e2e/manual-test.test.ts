import { readFile } from "node:fs/promises";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGIN } from "../../src/config/local-supabase.ts";
import { EXECUTION_STATUS_LABELS } from "../../src/domain/labels.ts";
import type { ExecutionStatus } from "../../src/domain/statuses.ts";
import { newDesktopPage, settledScreenshot as screenshot, signIn, startBrowserSession } from "../support/browser.ts";
import { accessToken, adminDb, signedInClient } from "../support/clients.ts";
import { parseCsv } from "../support/csv.ts";
import {
  callFunction,
  chain,
  createContact,
  createFlow,
  execution,
  node,
  outbox,
  steps,
  waitForExecution,
} from "../support/engine.ts";

/**
 * The design's manual test, in a real browser, through the admin's UI: sign in → a contact →
 * Send Flow (Email → Delay 1 minute → Email) → Enrollment History shows it In Progress with its
 * next execution → after the delay the Execution Logs show both emails Success without a
 * reload → a failed execution retried from the admin becomes Completed → Export CSV equals
 * the filtered table. Screenshots of the main pages go to `.screenshots/manual-*.png`.
 *
 * The one-minute delay cannot be shortened, so the tests share one page (the "support
 * person", page A) that is left on the Execution Logs tab while the retry, export and
 * screenshot tests run in a second browser context (page B); the last test then waits on
 * page A for the delay to end. The tests therefore run in file order and depend on each other.
 */

const QUICK_FOLLOW_UP = { id: "10000000-0000-4000-8000-000000000004", name: "Quick follow-up (1 minute)" };
const WORKSPACE = "15213";
/** Makes this run's contacts and flow unique, so searches find exactly them. */
const RUN = `r${Date.now().toString(36)}`;

const db = adminDb();
let session: Awaited<ReturnType<typeof startBrowserSession>>;
let pageA: Page;
let pageB: Page;

const manual = { name: `Mara Manual ${RUN}`, email: `mara-${RUN}@example.com`, contactId: "", executionId: "" };
let retryFlowId = "";
let retriedExecutionId = "";

beforeAll(async () => {
  session = await startBrowserSession();
  // Two viewers in two time zones: dates must show in the viewer's zone, with the zone.
  pageA = await newDesktopPage(session.browser, { timezoneId: "America/New_York" });
  pageB = await newDesktopPage(session.browser, { timezoneId: "Europe/Berlin" });
  manual.contactId = await createContact(db, WORKSPACE, { name: manual.name, email: manual.email });
  retryFlowId = await createFlow(
    db,
    WORKSPACE,
    {
      nodes: [node.trigger(), node.email("welcome_email", "Welcome aboard")],
      edges: chain("trigger", "welcome_email"),
    },
    { name: `Retry check ${RUN}` },
  );
});

afterAll(async () => {
  await session?.stop();
  await db.end();
});

/** Polls `probe` until it returns something truthy; fails naming `what` and the last value seen. */
async function until<T>(what: string, probe: () => Promise<T>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!last) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await probe();
  }
  return last;
}

/** A table row (antd's `tr.ant-table-row`) holding all the given texts. */
function row(page: Page, ...texts: (string | RegExp)[]): Locator {
  return texts.reduce((locator, text) => locator.filter({ hasText: text }), page.locator("tr.ant-table-row"));
}

async function cellTexts(r: Locator): Promise<string[]> {
  return (await r.locator("td").allInnerTexts()).map((t) => t.trim());
}

async function signInThroughLoginPage(page: Page, shot?: string) {
  await page.goto(`${session.admin.url}login`);
  await page.getByLabel("Email").waitFor({ timeout: 60_000 });
  if (shot) await screenshot(page, shot);
  await signIn(page, DEMO_LOGIN);
  await page.waitForURL(/\/flows/);
}

/** The page was not reloaded since the marker was set: a reload would have wiped `window`. */
async function setMarker(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { __marker: string }).__marker = "not reloaded";
  });
}
async function markerKept(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __marker?: string }).__marker === "not reloaded");
}

/** Menu navigation in the sider, as a person would click it. */
async function openMenu(page: Page, label: string) {
  await page.locator(".ant-layout-sider .ant-menu-item").getByText(label, { exact: true }).click();
}

describe("the manual test path, in a real browser", () => {
  it("sends Quick follow-up to a contact from the contact's page (Contacts → search → contact → Send Flow)", async () => {
    const page = pageA;
    await signInThroughLoginPage(page, "manual-01-login");

    await openMenu(page, "Contacts");
    await page.waitForURL(/\/contacts$/);
    await page.getByLabel("Search name or email").fill(manual.name);
    await page.getByLabel("Search name or email").press("Enter");
    await page.waitForURL(/\/contacts\?q=/);
    // The search is done when only the contact is left (it is also on the unfiltered first page).
    await until(
      "the search to leave one contact",
      async () => (await page.locator("tr.ant-table-row").count()) === 1,
      15_000,
    );
    await row(page, manual.name).waitFor();
    await screenshot(page, "manual-02-contacts-search");

    await row(page, manual.name).getByRole("link", { name: manual.name }).click();
    await page.waitForURL(new RegExp(`/contacts/${manual.contactId}$`));
    await page.getByText(manual.email).waitFor();
    await page.getByText("This contact has not entered any flow yet").waitFor();
    await screenshot(page, "manual-03-contact-page");

    await page.getByRole("button", { name: "Send Flow" }).click();
    const modal = page.locator(".ant-modal-content").filter({ hasText: "Active flow" });
    await modal.waitFor();
    await modal.locator(".ant-select").click();
    await page.locator(".ant-select-item-option").filter({ hasText: QUICK_FOLLOW_UP.name }).click();
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").waitFor({ state: "detached" });
    await modal.getByText(`1 contact will enter ${QUICK_FOLLOW_UP.name}`).waitFor();
    await screenshot(page, "manual-04-send-flow-modal");
    await modal.getByRole("button", { name: "Enroll 1 contact" }).click();

    const result = page
      .locator(".ant-modal-content")
      .filter({ hasText: `Enrolled 1 contact in ${QUICK_FOLLOW_UP.name}` });
    await result.waitFor();
    const items = result.locator(".ant-list-item");
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain(manual.name);
    const href = (await items.first().getByRole("link", { name: "View execution" }).getAttribute("href")) ?? "";
    manual.executionId = /\/executions\/([0-9a-f-]{36})$/.exec(href)?.[1] ?? "";
    expect(manual.executionId, `execution link ${href}`).not.toBe("");
    await screenshot(page, "manual-05-send-flow-result");

    // What the send recorded: reason manual, from the contact page, for this contact and flow.
    const sent = await execution(db, manual.executionId);
    expect(sent.metadata).toMatchObject({
      contactId: manual.contactId,
      trigger: { type: "manual", source: "contact_page" },
    });
    await result.locator(".ant-modal-footer").getByRole("button", { name: "Close" }).click();
    await result.waitFor({ state: "detached" });
  }, 90_000);

  it("shows the contact In Progress in Enrollment History, on the Delay, with its next execution time", async () => {
    expect(manual.executionId, "the Send Flow test must have enrolled the contact").not.toBe("");
    const page = pageA;
    await openMenu(page, "Flows");
    await page.getByRole("link", { name: QUICK_FOLLOW_UP.name }).click();
    await page.waitForURL(new RegExp(`/flows/${QUICK_FOLLOW_UP.id}`));
    await page.getByRole("tab", { name: "Enrollment History" }).click();
    await page.waitForURL(/[?&]tab=enrollments/);

    // Live: the row moves to the Delay as the engine gets there, without a reload.
    const waiting = row(page, manual.name, "In Progress", "Delay", /in \d+ (sec|min)/);
    await waiting.waitFor({ timeout: 30_000 });
    const cells = await cellTexts(waiting);
    expect(cells.join(" | ")).toContain(manual.email);
    expect(cells).toContain("Manual Send (Contact Page)");
    // Date enrolled in the viewer's zone (New York), with the zone shown.
    expect(await waiting.locator("time").first().textContent()).toMatch(/ E[SD]T$/);
    const next = await execution(db, manual.executionId);
    expect(next.status).toBe("running");
    expect(next.next_execution_at).not.toBeNull();
    await screenshot(page, "manual-06-enrollment-history");

    // From here on page A is never reloaded nor navigated: the marker proves it at the end.
    await setMarker(page);
    await page.getByRole("tab", { name: "Execution Logs" }).click();
    await page.waitForURL(/[?&]tab=logs/);
    await row(page, manual.name, "Send Email", "Success").waitFor();
    await row(page, manual.name, "Delay", "Running").waitFor();
    expect(await markerKept(page)).toBe(true);
  }, 60_000);

  it("retries a failed execution from the admin, and it becomes Completed without a reload", async () => {
    const client = await signedInClient(DEMO_LOGIN.email, DEMO_LOGIN.password);
    const token = await accessToken(client);
    const good = `rita-${RUN}@example.com`;
    const contactId = await createContact(db, WORKSPACE, {
      name: `Rita Retry ${RUN}`,
      email: `rita-${RUN}@fail.example`,
    });
    const { body } = await callFunction("enroll-contacts", { flowId: retryFlowId, contactIds: [contactId] }, token);
    retriedExecutionId = (body.executions as { id: string }[] | undefined)?.[0]?.id ?? "";
    expect(retriedExecutionId, JSON.stringify(body)).not.toBe("");
    const failed = await waitForExecution(db, retriedExecutionId, (e) => e.status === "failed");
    expect(failed.error).toMatch(/fail\.example/);
    // Fix the cause: the contact gets a working address.
    await db.query("update public.contacts set email = $1 where id = $2", [good, contactId]);

    const page = pageB;
    await signInThroughLoginPage(page);
    await page.goto(`${session.admin.url}flows/${retryFlowId}?tab=enrollments`);
    const failedRow = row(page, `Rita Retry ${RUN}`, "Failed");
    await failedRow.waitFor({ timeout: 30_000 });
    await setMarker(page);

    // Nothing selected yet: the disabled action says what it needs when the pointer is on it.
    await page.getByRole("button", { name: "Retry from failed step" }).hover({ force: true });
    await page.getByRole("tooltip").filter({ hasText: "Select executions first" }).waitFor();

    await failedRow.locator("input.ant-checkbox-input").check();
    await page.getByText("1 selected").waitFor();
    await page.getByRole("button", { name: "Retry from failed step" }).click();
    const confirm = page.locator(".ant-modal-confirm").filter({ hasText: "Retry 1 execution from the failed step?" });
    await confirm.waitFor();
    await confirm.getByRole("button", { name: "Retry", exact: true }).click();
    const report = page.locator(".ant-modal-confirm").filter({ hasText: "Retry from failed step: 1 done, 0 skipped" });
    await report.waitFor();
    await report.getByRole("button", { name: "OK" }).click();

    const completedRow = row(page, `Rita Retry ${RUN}`, good, "Completed");
    await completedRow.waitFor({ timeout: 30_000 });
    expect(await markerKept(page)).toBe(true);
    await screenshot(page, "manual-07-retried-enrollment-history");

    const done = await execution(db, retriedExecutionId);
    expect(done.status).toBe("completed");
    expect(done.attempt).toBe(2);
    expect(done.error).toBeNull();
    const messages = await outbox(db, retriedExecutionId);
    expect(messages.map((m) => [m.channel, m.recipient])).toEqual([["email", good]]);
    const recorded = await steps(db, retriedExecutionId);
    const sends = recorded.filter((s) => s.node_id === "welcome_email");
    expect(sends.map((s) => [s.node_id, s.status, s.attempt])).toEqual([
      ["welcome_email", "failed", 1],
      ["welcome_email", "success", 2],
    ]);

    // The execution's page: the retry's timeline and the path it took on the diagram.
    await completedRow.getByRole("button", { name: "View" }).click();
    await page.waitForURL(new RegExp(`/executions/${retriedExecutionId}$`));
    await page.locator(".react-flow__node").first().waitFor();
    await page.getByText("attempt 2").waitFor();
    await screenshot(page, "manual-08-execution-detail");
  }, 60_000);

  it("exports the filtered Enrollment History as a CSV whose rows equal the table", async () => {
    expect(retryFlowId).not.toBe("");
    const client = await signedInClient(DEMO_LOGIN.email, DEMO_LOGIN.password);
    const token = await accessToken(client);
    const term = `Export ${RUN}`;
    const contactIds = await Promise.all(
      [
        { name: `Erin ${term} 1`, email: `erin1-${RUN}@example.com` },
        { name: `Eli ${term} 2`, email: `eli2-${RUN}@fail.example` },
        { name: `Eve "Quoted", ${term} 3`, email: `eve3-${RUN}@example.com` },
      ].map((fields) => createContact(db, WORKSPACE, fields)),
    );
    // One request each, so the three are enrolled at distinct times.
    for (const contactId of contactIds) {
      const { body } = await callFunction("enroll-contacts", { flowId: retryFlowId, contactIds: [contactId] }, token);
      const id = (body.executions as { id: string }[])[0]?.id as string;
      await waitForExecution(db, id, (e) => e.status === "completed" || e.status === "failed");
    }

    const page = pageB;
    await page.goto(`${session.admin.url}flows/${retryFlowId}?tab=enrollments`);
    await page.getByLabel("Search contacts").fill(term);
    await page.getByLabel("Search contacts").press("Enter");
    await page.waitForURL(/[?&]q=Export/);
    await until("the filtered table", async () => (await page.locator("tr.ant-table-row").count()) === 3, 15_000);
    // No other row of the flow (the retried contact) is left in view.
    expect(await row(page, "Rita Retry").count()).toBe(0);
    const totalText = await page.locator(".ant-pagination-total-text").textContent();
    const tableRows = await Promise.all(
      (await page.locator("tr.ant-table-row").all()).map(async (r) => ({
        id: (await r.getAttribute("data-row-key")) ?? "",
        name: await r.locator("td").nth(1).locator("strong").textContent(),
        email: await r.locator("td").nth(1).locator(".ant-typography-secondary").textContent(),
        status: await r.locator(".ant-tag").last().textContent(),
      })),
    );
    await screenshot(page, "manual-09-enrollment-history-filtered");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = parseCsv(await readFile((await download.path()) as string, "utf8"));
    await page.getByText("Exported 3 rows").waitFor();
    const [header = [], ...records] = csv;
    const col = (name: string) => {
      const index = header.indexOf(name);
      expect(index, `CSV column ${name} in ${header.join(",")}`).toBeGreaterThanOrEqual(0);
      return index;
    };
    const [idCol, nameCol, emailCol, statusCol] = ["execution_id", "contact_name", "contact_email", "status"].map(col);
    const exported = records.map((r) => ({
      id: r[idCol as number] ?? "",
      name: r[nameCol as number],
      email: r[emailCol as number],
      status: EXECUTION_STATUS_LABELS[r[statusCol as number] as ExecutionStatus],
    }));

    expect(exported).toEqual(tableRows);
    expect(new Set(exported.map((r) => r.status))).toEqual(new Set(["Completed", "Failed"]));

    const { rows: expected } = await db.query<{ id: string }>(
      `select e.id from public.flow_executions e join public.contacts c on c.id = e.contact_id
        where e.flow_id = $1 and (c.name ilike $2 or c.email ilike $2)`,
      [retryFlowId, `%${term}%`],
    );
    expect(exported.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    // The total the table states (its pagination) counts the same rows.
    expect(totalText).toBe(`${records.length} enrollments`);
  }, 60_000);

  it("takes screenshots of the main pages", async () => {
    const page = pageB;
    await openMenu(page, "Flows");
    await page.getByRole("link", { name: QUICK_FOLLOW_UP.name }).waitFor();
    await screenshot(page, "manual-10-flows-list");

    await page.getByRole("link", { name: QUICK_FOLLOW_UP.name }).click();
    await page.locator(".react-flow__node").first().waitFor();
    await page.getByText("As promised, a follow-up").or(page.locator(".react-flow__node").nth(3)).first().waitFor();
    await screenshot(page, "manual-11-flow-overview");

    await openMenu(page, "Executions");
    await page.waitForURL(/\/executions$/);
    await page.getByRole("columnheader", { name: "Date enrolled" }).waitFor();
    await row(page, `Rita Retry ${RUN}`).waitFor();
    await screenshot(page, "manual-12-executions");

    await openMenu(page, "Execution Logs");
    await page.waitForURL(/\/execution-logs$/);
    await page.getByRole("columnheader", { name: "Executed at" }).waitFor();
    await row(page, "Send Email").first().waitFor();
    await screenshot(page, "manual-13-execution-logs-all-flows");

    await openMenu(page, "Outbox");
    await page.waitForURL(/\/outbox$/);
    await page.getByRole("columnheader", { name: "Recipient" }).waitFor();
    await row(page, `rita-${RUN}@example.com`, "Welcome aboard").waitFor();
    await screenshot(page, "manual-14-outbox");

    await page.goto(`${session.admin.url}executions?q=nobody-${RUN}`);
    await page.getByText("No enrollments found").waitFor();
    await screenshot(page, "manual-15-empty-state");

    await openMenu(page, "Contacts");
    await page.waitForURL(/\/contacts$/);
    await page.locator("tr.ant-table-row").first().waitFor();
    await screenshot(page, "manual-16-contacts-list");
  }, 60_000);

  it("after the delay, Execution Logs show both emails Success, live, without a reload", async () => {
    expect(manual.executionId, "the Send Flow test must have enrolled the contact").not.toBe("");
    const page = pageA;
    const url = page.url();
    const sentEmails = row(page, manual.name, "Send Email", "Success");
    await until("both Send Email rows to show Success", async () => (await sentEmails.count()) === 2, 100_000, 500);
    expect(await row(page, manual.name, "Delay", "Success").count()).toBe(1);
    expect(await markerKept(page)).toBe(true);
    expect(page.url()).toBe(url);
    await screenshot(page, "manual-17-execution-logs");

    const done = await execution(db, manual.executionId);
    expect(done.status).toBe("completed");
    expect((await outbox(db, manual.executionId)).map((m) => m.subject)).toEqual([
      "Thanks for your interest",
      "As promised, a follow-up",
    ]);
  }, 120_000);
});
