import { describe, expect, it } from "vitest";
import { freePort } from "../../src/local/ports.ts";
import { isAlive } from "../../src/local/postgres.ts";
import { startPostgrest } from "../../src/local/postgrest.ts";
import { stack } from "../support/clients.ts";

/** A second PostgREST on the test stack's database, so killing it disturbs no other test. */
async function ownPostgrest(notices: string[]) {
  const db = new URL(stack.dbUrl);
  db.username = "authenticator";
  return startPostgrest({
    dbUrl: db.toString(),
    port: await freePort(),
    jwtSecret: stack.jwtSecret,
    log: () => {},
    notice: (line) => notices.push(line),
  });
}

async function serves(url: string): Promise<boolean> {
  return fetch(`${url}/flows?select=id&limit=1`).then(
    (res) => res.status === 200,
    () => false,
  );
}

async function waitFor(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe("PostgREST under the local stack", () => {
  it("is started again on the same URL when its process dies, and says so", async () => {
    const notices: string[] = [];
    const postgrest = await ownPostgrest(notices);
    try {
      expect(await serves(postgrest.url)).toBe(true);
      const killed = postgrest.pid as number;
      process.kill(killed, "SIGKILL");
      expect(await waitFor(() => !isAlive(killed), 5_000)).toBe(true);
      // The handle names the new process once the stack has seen it serve.
      expect(await waitFor(async () => postgrest.pid !== killed && (await serves(postgrest.url)), 20_000)).toBe(true);
      expect(notices).toEqual(["[postgrest] exited (SIGKILL); starting it again", "[postgrest] running again"]);
    } finally {
      await postgrest.stop();
    }
  });

  it("stays stopped once stopped", async () => {
    const notices: string[] = [];
    const postgrest = await ownPostgrest(notices);
    const pid = postgrest.pid as number;
    await postgrest.stop();
    expect(isAlive(pid)).toBe(false);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await serves(postgrest.url)).toBe(false);
    expect(postgrest.pid).toBe(pid);
    expect(notices).toEqual([]);
  });
});
