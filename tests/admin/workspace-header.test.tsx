// @vitest-environment jsdom
import { Refine } from "@refinedev/core";
import { dataProvider } from "@refinedev/supabase";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { MemoryRouter } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createAuthProvider } from "../../src/admin/auth-provider.ts";
import { WorkspaceHeader } from "../../src/admin/components/workspace-header.tsx";
import { FLOW_ADMIN_DATA_PROVIDER } from "../../src/admin/resources.ts";
import { adminDb, anonClient, type Client, signedInClient } from "../support/clients.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import { installBrowserStubs } from "../support/jsdom.ts";

const db = adminDb();
const suffix = Math.random().toString(36).slice(2, 8);
let user: { email: string; password: string };

beforeAll(async () => {
  installBrowserStubs();
  const support = await createWorkspace(db, `Acme Support ${suffix}`);
  const marketing = await createWorkspace(db, `Acme Marketing ${suffix}`);
  await createWorkspace(db, `Not theirs ${suffix}`);
  user = await createUser(db, { workspaceId: support });
  await db.query(
    "insert into public.workspace_members (workspace_id, user_id) select $1, id from auth.users where email = $2",
    [marketing, user.email],
  );
});
afterEach(cleanup);
afterAll(() => db.end());

/**
 * The header in a Refine app whose auth and data run on the real stack. No router provider:
 * vitest would load @refinedev/react-router with a second copy of react-router (not inlined).
 */
function renderHeader(client: Client) {
  const authProvider = createAuthProvider(client);
  const logout = vi.spyOn(authProvider, "logout");
  const data = dataProvider(client);
  render(
    <MemoryRouter>
      <App>
        <Refine
          dataProvider={{ default: data, [FLOW_ADMIN_DATA_PROVIDER]: data }}
          authProvider={authProvider}
          options={{ disableTelemetry: true }}
        >
          <WorkspaceHeader />
        </Refine>
      </App>
    </MemoryRouter>,
  );
  return { logout };
}

describe("WorkspaceHeader", () => {
  it("shows the signed-in user's email, their workspaces only, and the time zone", async () => {
    renderHeader(await signedInClient(user.email, user.password));
    await screen.findByText(user.email, {}, { timeout: 15_000 });
    await screen.findByText(`Acme Support ${suffix}`, {}, { timeout: 15_000 });
    expect(screen.getByText(`Acme Marketing ${suffix}`)).toBeTruthy();
    expect(screen.queryByText(`Not theirs ${suffix}`)).toBeNull();
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(screen.getByText(`Times in ${zone}`)).toBeTruthy();
  });

  it("signs out through the auth provider and ends the session", async () => {
    const client = await signedInClient(user.email, user.password);
    const refreshToken = (await client.auth.getSession()).data.session?.refresh_token ?? "";
    const { logout } = renderHeader(client);
    fireEvent.click(await screen.findByText("Sign out", {}, { timeout: 15_000 }));

    await waitFor(() => expect(logout).toHaveBeenCalledOnce(), { timeout: 15_000 });
    await waitFor(async () => expect((await client.auth.getSession()).data.session).toBeNull());
    // Ended on the server too: the session's refresh token no longer works.
    const { error } = await anonClient().auth.refreshSession({ refresh_token: refreshToken });
    expect(error).toBeTruthy();
  });
});
