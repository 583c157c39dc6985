import { mkdir } from "node:fs/promises";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { startAdmin } from "../../src/local/admin-server.ts";
import { freePort } from "../../src/local/ports.ts";
import { launchBrowser } from "./chromium.ts";
import { stack } from "./clients.ts";

export { launchBrowser, signIn } from "./chromium.ts";

export const SCREENSHOTS_DIR = new URL("../../.screenshots/", import.meta.url).pathname;

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS_DIR}${name}.png`, fullPage: true });
}

/** The admin served against the test stack, and Chromium to look at it. */
export async function startBrowserSession() {
  const admin = await startAdmin({ apiUrl: stack.apiUrl, anonKey: stack.anonKey, port: await freePort() });
  const browser = await launchBrowser();
  return {
    admin,
    browser,
    async stop() {
      await browser.close();
      await admin.stop();
    },
  };
}

/** The desktop size the screenshots are taken and reviewed at. */
export const DESKTOP_VIEWPORT = { width: 1440, height: 900 } as const;

/**
 * A page in a browser context of its own (its own storage, so its own sign-in), at the
 * desktop size, in a chosen time zone and locale so dates can be checked as a viewer sees them.
 */
export async function newDesktopPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: DESKTOP_VIEWPORT,
    locale: "en-US",
    acceptDownloads: true,
    ...options,
  });
  return context.newPage();
}

/**
 * Waits until the page is still: no finite animation (a modal or dropdown opening or closing,
 * a fade) is running and no antd loading overlay is up. Infinite ones (spinners' dots, a
 * "processing" badge) do not count, or a live page would never settle.
 */
export async function settle(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector(".ant-spin-blur, .ant-spin-spinning, .ant-skeleton-active") === null &&
      document
        .getAnimations()
        .every(
          (a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
}

/** A screenshot of the page once it is still (see `settle`), so it shows what a person would see. */
export async function settledScreenshot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshot(page, name);
}
