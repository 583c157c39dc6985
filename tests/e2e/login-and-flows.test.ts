import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGIN } from "../../src/config/local-supabase.ts";
import { startAdmin } from "../../src/local/admin-server.ts";
import { freePort } from "../../src/local/ports.ts";
import { launchBrowser, screenshot } from "../support/browser.ts";
import { stack } from "../support/clients.ts";

let browser: Browser;
let admin: Awaited<ReturnType<typeof startAdmin>>;

beforeAll(async () => {
  admin = await startAdmin({ apiUrl: stack.apiUrl, anonKey: stack.anonKey, port: await freePort() });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await admin?.stop();
});

describe("the admin in a real browser", () => {
  it("signs in with the demo login and lists the workspace's flows, and only those", async () => {
    const page = await browser.newPage();
    await page.goto(admin.url);
    await page.waitForURL(/\/login/, { timeout: 60_000 });
    await page.getByLabel("Email").fill(DEMO_LOGIN.email);
    await page.getByLabel("Password").fill(DEMO_LOGIN.password);
    await screenshot(page, "login");
    await page.getByRole("button", { name: /sign in/i }).click();

    await page.waitForURL(/\/flows/);
    await page.getByText("Welcome series").waitFor();
    for (const name of ["Appointment reminder (SMS)", "VIP check"]) {
      expect(await page.getByText(name).count()).toBe(1);
    }
    expect(await page.getByText("Globex onboarding").count()).toBe(0);
    await screenshot(page, "flows-list");
  }, 120_000);

  it("shows the login error for a wrong password", async () => {
    const page = await browser.newPage();
    await page.goto(`${admin.url}login`);
    await page.getByLabel("Email").fill(DEMO_LOGIN.email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.getByText("Invalid login credentials").waitFor();
    expect(page.url()).toMatch(/\/login/);
  }, 60_000);
});
