import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGIN } from "../../src/config/local-supabase.ts";
import { screenshot, signIn, startBrowserSession } from "../support/browser.ts";
import { accessToken, adminDb, signedInClient } from "../support/clients.ts";
import { callFunction, createContact, waitForExecution } from "../support/engine.ts";

const WELCOME_SERIES = "10000000-0000-4000-8000-000000000001";
const db = adminDb();
let session: Awaited<ReturnType<typeof startBrowserSession>>;

beforeAll(async () => {
  session = await startBrowserSession();
});

afterAll(async () => {
  await session?.stop();
  await db.end();
});

describe("a flow's Enrollment History and Execution Logs in the browser", () => {
  it("shows a contact sent into the Welcome series as In Progress, with its next execution, and its logs", async () => {
    const client = await signedInClient(DEMO_LOGIN.email, DEMO_LOGIN.password);
    const token = await accessToken(client);
    const contactId = await createContact(db, "15213", { name: "Wendy Browser", email: "wendy.browser@example.com" });
    const { body } = await callFunction("enroll-contacts", { flowId: WELCOME_SERIES, contactIds: [contactId] }, token);
    const id = (body.executions as { id: string }[])[0]?.id as string;
    await waitForExecution(db, id, (e) => e.next_execution_at !== null);

    const page = await session.browser.newPage();
    await page.goto(`${session.admin.url}login`);
    await signIn(page);
    await page.waitForURL(/\/flows/);

    await page.goto(`${session.admin.url}flows/${WELCOME_SERIES}?tab=enrollments&q=wendy`);
    const row = page.locator("tr", { hasText: "Wendy Browser" });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain("In Progress");
    expect(await row.textContent()).toContain("Delay");
    expect(await row.textContent()).toMatch(/in 2 days|in 48 hr/);
    await screenshot(page, "flow-enrollment-history");

    await page.getByRole("tab", { name: "Execution Logs" }).click();
    await page.locator("tr", { hasText: "Send Email" }).first().waitFor();
    await screenshot(page, "flow-execution-logs");

    await page.goto(`${session.admin.url}flows/${WELCOME_SERIES}?tab=enrollments&q=live-update`);
    await page.getByText("No enrollments found").waitFor();
    // Live: a new enrollment appears without a reload (Realtime → refetch).
    const liveContact = await createContact(db, "15213", { name: "Liam Live-Update", email: "liam@example.com" });
    await callFunction("enroll-contacts", { flowId: WELCOME_SERIES, contactIds: [liveContact] }, token);
    await page.locator("tr", { hasText: "Liam Live-Update" }).waitFor({ timeout: 15_000 });

    await page.goto(`${session.admin.url}executions/${id}`);
    await page.getByText("Steps").waitFor();
    await page.getByText("Welcome to Acme, Wendy Browser").waitFor();
    expect(await page.title()).toBe(`#${id.slice(0, 8)} · Executions · Flow executions`);
    await screenshot(page, "execution-detail");
  }, 120_000);

  it("fits every list's columns in a 1280 px window: nothing scrolls under the pinned View", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${session.admin.url}login`);
    await signIn(page);
    await page.waitForURL(/\/flows/);
    const lists = [
      `flows/${WELCOME_SERIES}?tab=enrollments`,
      `flows/${WELCOME_SERIES}?tab=logs`,
      "executions",
      "execution-logs",
      "outbox",
    ];
    for (const list of lists) {
      await page.goto(`${session.admin.url}${list}`);
      await page.locator(".ant-table-row").first().waitFor({ timeout: 30_000 });
      const [scrolled, shown] = await page
        .locator(".ant-table-content")
        .first()
        .evaluate((table) => [table.scrollWidth, table.clientWidth]);
      expect(scrolled, list).toBeLessThanOrEqual(shown as number);
    }
    await page.close();
  }, 120_000);
});
