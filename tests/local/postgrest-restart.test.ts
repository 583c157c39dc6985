import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { freePort } from "../../src/local/ports.ts";
import { isAlive } from "../../src/local/postgres.ts";
import { startPostgrest } from "../../src/local/postgrest.ts";
import { stack } from "../support/clients.ts";

/** A second PostgREST on the test stack's database, so killing it disturbs no other test. */
async function ownPostgrest(notices: string[], port?: number, dbPort?: number) {
  const db = new URL(stack.dbUrl);
  db.username = "authenticator";
  if (dbPort) db.port = String(dbPort);
  return startPostgrest({
    dbUrl: db.toString(),
    port: port ?? (await freePort()),
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

/** Live PostgREST processes serving on `port`. */
function postgrestsOn(port: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`PGRST_SERVER_PORT=${port}`);
      } catch {
        return false; // ended meanwhile, or not ours to read
      }
    })
    .map(Number)
    .filter((pid) => readFileSync(`/proc/${pid}/stat`, "utf8").split(" ")[2] !== "Z");
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
      expect(await waitFor(() => notices.length === 2, 20_000)).toBe(true);
      expect(postgrest.pid).not.toBe(killed);
      expect(await serves(postgrest.url)).toBe(true);
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
    expect(postgrest.pid).toBeUndefined();
    expect(notices).toEqual([]);
  });

  it("stopped right after a crash, while its replacement starts, leaves no PostgREST behind", async () => {
    const port = await freePort();
    const postgrest = await ownPostgrest([], port);
    process.kill(postgrest.pid as number, "SIGKILL");
    await waitFor(() => postgrestsOn(port).length === 0, 5_000);
    await new Promise((r) => setTimeout(r, 100)); // the replacement is spawned and starting
    await postgrest.stop();
    expect(postgrestsOn(port)).toEqual([]);
  });

  it("gives up a start whose database it cannot reach after 20 s, instead of waiting on PostgREST", async () => {
    const port = await freePort();
    const began = performance.now();
    await expect(ownPostgrest([], port, await freePort())).rejects.toThrow(
      "PostgREST did not become ready within 20 s",
    );
    expect(performance.now() - began).toBeLessThan(25_000);
    expect(postgrestsOn(port)).toEqual([]);
  }, 40_000);
});
