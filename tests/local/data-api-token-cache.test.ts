import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken } from "../realtime/support.ts";
import { adminDb, stack } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
afterAll(() => db.end());

/** PostgREST keeps verified tokens (jwt-cache-max-lifetime); a kept token must still expire on time. */
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

  // PostgREST accepts tokens up to 30 s past their exp (clock skew), cached or not.
  it("refuses a cached token once its exp is more than the 30 s of allowed clock skew behind", async () => {
    const token = await accessToken(userId, -26);
    for (let i = 0; i < 3; i++) {
      const res = await readWorkspaces(token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([{ id: workspace }]);
    }
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const res = await readWorkspaces(token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: "JWT expired" });
  });

  it("refuses at once a token whose exp is further behind than the allowed skew", async () => {
    const res = await readWorkspaces(await accessToken(userId, -35));
    expect(res.status).toBe(401);
  });

  it("refuses a token whose signature does not match, even with the claims of a cached one", async () => {
    const token = await accessToken(userId);
    expect((await readWorkspaces(token)).status).toBe(200);
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await readWorkspaces(forged);
    expect(res.status).toBe(401);
  });
});
