import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type PreviewServer, preview } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGIN } from "../../src/config/local-supabase.ts";
import { launchBrowser, newDesktopPage, signIn } from "../support/browser.ts";
import { accessToken, adminDb, signedInClient, stack } from "../support/clients.ts";
import { callFunction, createContact } from "../support/engine.ts";

// The other browser tests run the admin on Vite's dev server; this one runs what `npm run build`
// ships, where the build-only parts apply: the narrowed and shimmed dependency imports
// (vite/narrow-imports.ts, vite/shims/) and the pre-generated antd styles.
const CONFIG_FILE = new URL("../../vite.config.ts", import.meta.url).pathname;
const WELCOME_SERIES = "10000000-0000-4000-8000-000000000001";
const db = adminDb();
let outDir: string;
let server: PreviewServer;
let base: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "admin-build-"));
  process.env.VITE_SUPABASE_URL = stack.apiUrl;
  process.env.VITE_SUPABASE_ANON_KEY = stack.anonKey;
  // Vitest sets NODE_ENV to "test", which the build would bake in (React's development JSX,
  // antd's warnings): build what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: CONFIG_FILE,
      mode: "production",
      build: { outDir, emptyOutDir: true },
      logLevel: "warn",
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await preview({ configFile: CONFIG_FILE, build: { outDir }, preview: { host: "127.0.0.1", port: 0 } });
  base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db.end();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("the production build in a real browser", () => {
  it("lists, selects, updates live and opens the Send Flow form without a script error", async () => {
    const page = await newDesktopPage(browser);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });

    await page.goto(`${base}login`);
    await signIn(page);
    await page.waitForURL(/\/flows/);
    await page.locator(".ant-table-row", { hasText: "Welcome series" }).waitFor();

    // Enrollment History, empty for this search, then live: an enrollment appears without a reload.
    await page.goto(`${base}flows/${WELCOME_SERIES}?tab=enrollments&q=production-build`);
    await page.getByText("No enrollments found").waitFor();
    const token = await accessToken(await signedInClient(DEMO_LOGIN.email, DEMO_LOGIN.password));
    const contactId = await createContact(db, "15213", {
      name: "Paula Production-Build",
      email: "paula@example.com",
    });
    await callFunction("enroll-contacts", { flowId: WELCOME_SERIES, contactIds: [contactId] }, token);
    const row = page.locator(".ant-table-row", { hasText: "Paula Production-Build" });
    await row.waitFor({ timeout: 15_000 });

    // Row selection (Table's checkbox column) feeds the bulk actions.
    await row.locator(".ant-checkbox-input").check();
    await page.getByText("1 selected").waitFor();

    // Send Flow's form, on the contact's page.
    await page.goto(`${base}contacts/${contactId}`);
    await page.getByRole("button", { name: "Send Flow" }).click();
    await page.getByLabel("Active flow").waitFor();

    expect(errors).toEqual([]);
  }, 120_000);
});
