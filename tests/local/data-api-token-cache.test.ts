import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken } from "../realtime/support.ts";
import { adminDb, stack } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
afterAll(() => db.end());

/** PostgREST accepts a token up to this long after its `exp` (its allowed clock skew). */
const CLOCK_SKEW_MS = 30_000;

/**
 * PostgREST keeps a verified token (jwt-cache-max-lifetime) for as long as the token is valid;
 * a token it has kept must still be refused once it has expired.
 */
describe("The data API's token cache", () => {
  let userId: string;
  let workspace: string;
  beforeAll(async () => {
    workspace = await createWorkspace(db);
    userId = (await createUser(db, { workspaceId: workspace })).id;
  });

  const readWorkspaces = (token: string) =>
    fetch(`${stack.apiUrl}/rest/v1/workspaces?select=id`, {
      headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` },
    });

  it("refuses a token it has kept once the token has expired", { timeout: 60_000 }, async () => {
    const expiresAt = Date.now() + 2_000;
    const token = await accessToken(userId, 2);
    for (let i = 0; i < 3; i++) {
      const res = await readWorkspaces(token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([{ id: workspace }]);
    }
    // PostgREST reads its clock about once a second: a margin of two.
    await new Promise((resolve) => setTimeout(resolve, expiresAt + CLOCK_SKEW_MS + 2_000 - Date.now()));
    const res = await readWorkspaces(token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: "JWT expired" });
  });

  it("refuses at once a token whose exp is further behind than the allowed skew", async () => {
    const res = await readWorkspaces(await accessToken(userId, -(CLOCK_SKEW_MS / 1000 + 5)));
    expect(res.status).toBe(401);
  });

  it("refuses a token whose signature does not match, even with the claims of a kept one", async () => {
    const token = await accessToken(userId);
    expect((await readWorkspaces(token)).status).toBe(200);
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await readWorkspaces(forged);
    expect(res.status).toBe(401);
  });
});
