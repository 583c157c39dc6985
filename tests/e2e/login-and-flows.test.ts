import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGIN } from "../../src/config/local-supabase.ts";
import { screenshot, startBrowserSession } from "../support/browser.ts";

let session: Awaited<ReturnType<typeof startBrowserSession>>;

beforeAll(async () => {
  session = await startBrowserSession();
});

afterAll(async () => {
  await session?.stop();
});

describe("the admin in a real browser", () => {
  it("signs in with the demo login and lists the workspace's flows, and only those", async () => {
    const page = await session.browser.newPage();
    await page.goto(session.admin.url);
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
    // The tab names the page, as the menu does.
    expect(await page.title()).toBe("Flows · Flow executions");
    await screenshot(page, "flows-list");
  }, 120_000);

  it("shows the login error for a wrong password", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.admin.url}login`);
    await page.getByLabel("Email").fill(DEMO_LOGIN.email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: /sign in/i }).click();
    // Beside the form, where it stays until the next attempt (not only in a passing notification).
    await page.locator(".ant-form .ant-alert-error", { hasText: "Invalid login credentials" }).waitFor();
    expect(page.url()).toMatch(/\/login/);
    expect(await page.title()).toBe("Sign in · Flow executions");
  }, 60_000);
});
