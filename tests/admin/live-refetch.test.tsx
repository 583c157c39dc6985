// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { cleanup, render, waitFor } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FlowAdminProvider } from "../../src/admin/context.tsx";
import { useLiveRefetch } from "../../src/admin/live.ts";
import { adminDb, type Client, signedInClient, stack } from "../support/clients.ts";
import { chain, createContact, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const db = adminDb();
let client: Client;
let workspace: string;
let flowId: string;

beforeAll(async () => {
  workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  client = await signedInClient(user.email, user.password);
  flowId = await createFlow(db, workspace, {
    nodes: [node.trigger(), node.email("hi")],
    edges: chain("trigger", "hi"),
  });
});
afterEach(cleanup);
afterAll(async () => {
  await client.removeAllChannels();
  await db.end();
});

/** A query whose first fetch waits for `firstFetchMayEnd`, kept live by useLiveRefetch. */
function LiveQuery({ fetched, firstFetchMayEnd }: { fetched: number[]; firstFetchMayEnd: Promise<void> }) {
  useQuery({
    queryKey: ["flow-admin", "live-probe", flowId],
    queryFn: async () => {
      fetched.push(Date.now());
      if (fetched.length === 1) await firstFetchMayEnd;
      return fetched.length;
    },
  });
  useLiveRefetch("flow_executions", `flow_id=eq.${flowId}`, ["flow-admin", "live-probe"], 50);
  return null;
}

describe("useLiveRefetch", () => {
  it("opens its channel only after the first result, refetches once subscribed, and on every change", async () => {
    let endFirstFetch = () => {};
    const firstFetchMayEnd = new Promise<void>((resolve) => {
      endFirstFetch = resolve;
    });
    const fetched: number[] = [];
    render(
      <QueryClientProvider client={new QueryClient()}>
        <FlowAdminProvider supabase={client} apiUrl={stack.apiUrl} anonKey={stack.anonKey}>
          <LiveQuery fetched={fetched} firstFetchMayEnd={firstFetchMayEnd} />
        </FlowAdminProvider>
      </QueryClientProvider>,
    );

    // The first page is still loading: no channel yet, nothing competes with it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fetched).toHaveLength(1);
    expect(client.getChannels()).toHaveLength(0);

    endFirstFetch();
    await waitFor(() => expect(client.getChannels()).toHaveLength(1));
    // Subscribed: one catch-up refetch for whatever changed before the channel was live.
    await waitFor(() => expect(fetched).toHaveLength(2), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fetched).toHaveLength(2);

    const contactId = await createContact(db, workspace, { name: "Lia Live", email: "lia@example.com" });
    await db.query(
      `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, metadata)
       values ($1, $2, $3, 'pending', '{}')`,
      [flowId, workspace, contactId],
    );
    await waitFor(() => expect(fetched).toHaveLength(3), { timeout: 10_000 });
  }, 30_000);
});
