// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { cleanup, render, waitFor } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FlowAdminProvider } from "../../src/admin/context.tsx";
import { useLiveRefetch } from "../../src/admin/live.ts";
import { adminDb, type Client, signedInClient, stack } from "../support/clients.ts";
import { chain, createContact, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";

const START_AFTER_MS = 600;
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
  useLiveRefetch("flow_executions", `flow_id=eq.${flowId}`, ["flow-admin", "live-probe"], {
    settleMs: 50,
    startAfterMs: START_AFTER_MS,
  });
  return null;
}

function gate(): [Promise<void>, () => void] {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return [opened, open];
}

describe("useLiveRefetch", () => {
  it("opens its channel a while after the first result, refetches once subscribed, and on every change", async () => {
    const [firstFetchMayEnd, endFirstFetch] = gate();
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

    // The first result is in; the rest of the page gets its moment before Realtime loads.
    endFirstFetch();
    const firstResultAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, START_AFTER_MS / 2));
    expect(client.getChannels()).toHaveLength(0);

    await waitFor(() => expect(client.getChannels()).toHaveLength(1), { timeout: 5_000 });
    expect(Date.now() - firstResultAt).toBeGreaterThanOrEqual(START_AFTER_MS);
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
