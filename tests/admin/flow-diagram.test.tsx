// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FlowNodeStatsDiagram } from "../../src/admin/components/flow-diagram-overview.tsx";
import { ExecutionPathDiagram } from "../../src/admin/components/flow-diagram-path.tsx";
import { FlowAdminProvider } from "../../src/admin/context.tsx";
import type { DiagramDefinition } from "../../src/admin/diagram/definition.ts";
import { executionPath } from "../../src/admin/diagram/execution-path.ts";
import { layoutFlow, NODE_HEIGHT, NODE_WIDTH, type PlacedNode } from "../../src/admin/diagram/layout.ts";
import { adminDb, type Client, signedInClient, stack } from "../support/clients.ts";
import { createContact, createFlow, node } from "../support/engine.ts";
import { createUser, createWorkspace } from "../support/fixtures.ts";
import { installBrowserStubs } from "../support/jsdom.ts";

/** trigger → check? yes → vip → done, no → plain → done */
const branching: DiagramDefinition = {
  nodes: [
    { id: "trigger", type: "trigger" },
    { id: "check", type: "condition" },
    { id: "plain", type: "send_sms" },
    { id: "vip", type: "send_email" },
    { id: "done", type: "exit" },
  ],
  edges: [
    // "no" first in the definition: the layout still puts "yes" on the left.
    { id: "e-no", source: "check", target: "plain", branch: "no" },
    { id: "e-yes", source: "check", target: "vip", branch: "yes" },
    { id: "e-start", source: "trigger", target: "check" },
    { id: "e-vip", source: "vip", target: "done" },
    { id: "e-plain", source: "plain", target: "done" },
  ],
};

/** The placed node by id; throws if the layout lost it. */
function placedBy(placed: PlacedNode[]) {
  return (id: string): PlacedNode => {
    const found = placed.find((p) => p.id === id);
    if (!found) throw new Error(`${id} was not placed`);
    return found;
  };
}

function overlap(a: PlacedNode, b: PlacedNode): boolean {
  return a.x < b.x + NODE_WIDTH && b.x < a.x + NODE_WIDTH && a.y < b.y + NODE_HEIGHT && b.y < a.y + NODE_HEIGHT;
}

describe("layoutFlow", () => {
  it("puts each node one layer below its lowest parent, top-down", () => {
    const at = placedBy(layoutFlow(branching));
    expect(["trigger", "check", "vip", "plain", "done"].map((id) => at(id).layer)).toEqual([0, 1, 2, 2, 3]);
    expect(at("check").y).toBeGreaterThan(at("trigger").y);
    expect(at("done").y).toBeGreaterThan(at("vip").y);
  });

  it("sets a condition's branches side by side, yes on the left, and centres the merge below them", () => {
    const at = placedBy(layoutFlow(branching));
    expect(at("vip").y).toBe(at("plain").y);
    expect(at("vip").x).toBeLessThan(at("plain").x);
    expect(at("done").x).toBeCloseTo((at("vip").x + at("plain").x) / 2);
    expect(at("check").x).toBeCloseTo(at("done").x);
  });

  it("never overlaps two nodes, even on a wide layer, and gives the same answer every time", () => {
    const wide: DiagramDefinition = {
      nodes: [{ id: "t", type: "trigger" }, ...Array.from({ length: 7 }, (_, i) => ({ id: `n${i}`, type: "delay" }))],
      edges: [
        ...Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, source: i < 3 ? "t" : "n0", target: `n${i + 1}` })),
        { id: "root", source: "t", target: "n0" },
      ],
    };
    for (const definition of [branching, wide]) {
      const placed = layoutFlow(definition);
      expect(placed).toHaveLength(definition.nodes.length);
      for (const a of placed) for (const b of placed) if (a !== b) expect(overlap(a, b), `${a.id}/${b.id}`).toBe(false);
      expect(layoutFlow(definition)).toEqual(placed);
    }
  });

  it("survives a cycle or an edge-less snapshot instead of looping", () => {
    const cyclic = layoutFlow({
      nodes: [
        { id: "a", type: "trigger" },
        { id: "b", type: "delay" },
      ],
      edges: [
        { id: "ab", source: "a", target: "b" },
        { id: "ba", source: "b", target: "a" },
      ],
    });
    expect(cyclic.map((n) => n.layer)).toEqual([0, 1]);
    const flat = layoutFlow({
      nodes: [
        { id: "a", type: "trigger" },
        { id: "b", type: "exit" },
      ],
      edges: [],
    });
    expect(overlap(flat[0] as PlacedNode, flat[1] as PlacedNode)).toBe(false);
  });
});

describe("executionPath", () => {
  it("takes the edges between nodes that ran, along the branch recorded, and keeps each node's latest attempt", () => {
    const path = executionPath(branching, [
      { node_id: "trigger", status: "success", attempt: 1 },
      { node_id: "check", status: "success", attempt: 1, result: { branch: "no" } },
      { node_id: "vip", status: "skipped", attempt: 1 },
      { node_id: "plain", status: "failed", attempt: 1 },
      { node_id: "plain", status: "running", attempt: 2 },
    ]);
    expect([...path.takenEdges].sort()).toEqual(["e-no", "e-start"]);
    expect(Object.fromEntries(path.nodeStatus)).toEqual({
      trigger: "success",
      check: "success",
      vip: "skipped",
      plain: "running",
    });
  });
});

const db = adminDb();
let client: Client;
let workspace: string;

beforeAll(async () => {
  installBrowserStubs();
  workspace = await createWorkspace(db);
  const user = await createUser(db, { workspaceId: workspace });
  client = await signedInClient(user.email, user.password);
});
afterEach(cleanup);
afterAll(() => db.end());

/** The real components on the real stack: supabase-js → gateway → PostgREST → Postgres. */
function renderWithStack(ui: ReactNode) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <FlowAdminProvider supabase={client} apiUrl={stack.apiUrl} anonKey={stack.anonKey}>
        <App>{ui}</App>
      </FlowAdminProvider>
    </QueryClientProvider>,
  );
}

function diagramNode(container: HTMLElement, id: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(`[data-node-id="${id}"]`);
  if (!found) throw new Error(`no diagram node ${id}`);
  return found;
}

async function insertExecution(flowId: string, status: string, metadata: unknown, currentNode: string | null = null) {
  const contactId = await createContact(db, workspace);
  const { rows } = await db.query<{ id: string }>(
    `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, current_node_id, metadata)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [flowId, workspace, contactId, status, currentNode, metadata],
  );
  return (rows[0] as { id: string }).id;
}

async function insertSteps(
  executionId: string,
  steps: [nodeId: string, type: string, status: string, result?: unknown][],
) {
  for (const [nodeId, type, status, result] of steps) {
    await db.query(
      `insert into public.flow_execution_steps (execution_id, node_id, node_type, status, started_at, result)
       values ($1, $2, $3, $4, now(), $5)`,
      [executionId, nodeId, type, status, result ?? null],
    );
  }
}

describe("FlowNodeStatsDiagram", () => {
  it("draws every node with its label (an unknown type by its name) and its counts from flow_node_stats()", async () => {
    const definition = {
      nodes: [node.trigger(), node.email("hello"), node.sms("text"), { id: "legacy", type: "fax", config: {} }],
      edges: [
        { id: "a", source: "trigger", target: "hello" },
        { id: "b", source: "hello", target: "text" },
        { id: "c", source: "text", target: "legacy" },
      ],
    };
    // Stored as the Flow Builder left it, an unknown type included: the diagram reads it leniently.
    const flowId = await createFlow(db, workspace, definition as never);
    for (const outcome of ["success", "success", "failed"]) {
      const id = await insertExecution(flowId, outcome === "success" ? "completed" : "failed", {});
      await insertSteps(id, [
        ["trigger", "trigger", "success"],
        ["hello", "send_email", outcome],
      ]);
    }
    await insertExecution(flowId, "running", {}, "text");
    // Cancelled while sending: cancel-executions closes the open step as skipped, with its reason.
    const cancelled = await insertExecution(flowId, "cancelled", {});
    await insertSteps(cancelled, [
      ["trigger", "trigger", "success"],
      ["hello", "send_email", "skipped", { reason: "execution cancelled" }],
    ]);

    const { container } = renderWithStack(<FlowNodeStatsDiagram flowId={flowId} definition={definition} />);
    await screen.findByTitle("Success: 2. Passed this step", {}, { timeout: 15_000 });
    expect(screen.getByText("Send Email")).toBeTruthy();
    expect(screen.getByText("Send SMS")).toBeTruthy();
    expect(screen.getByText("fax")).toBeTruthy();
    expect(screen.getByTitle("Success: 4. Passed this step")).toBeTruthy();
    expect(screen.getByTitle("Failed: 1. Failed at this step")).toBeTruthy();
    expect(screen.getByTitle("Cancelled: 1. Cancelled while on this step")).toBeTruthy();
    expect(screen.queryByTitle(/^Skipped/)).toBeNull();
    expect(screen.getByTitle("Waiting: 1. On this step now: a delay, or a send in flight")).toBeTruthy();
    expect(diagramNode(container, "hello").textContent).toContain("2");
    expect(diagramNode(container, "legacy").textContent).toContain("No executions yet");
  });
});

describe("ExecutionPathDiagram", () => {
  it("marks the nodes the execution visited on the definition it ran with, and dims the rest", async () => {
    // The flow has been edited since: the execution's snapshot is what it ran.
    const flowId = await createFlow(db, workspace, { nodes: [node.trigger()], edges: [] });
    const snapshot = {
      id: flowId,
      name: "Then",
      nodes: [
        { id: "trigger", type: "trigger" },
        { id: "check", type: "condition" },
        { id: "vip", type: "send_email" },
        { id: "plain", type: "send_sms" },
        { id: "done", type: "exit" },
      ],
      edges: branching.edges,
    };
    const id = await insertExecution(flowId, "failed", { workflowDefinition: snapshot });
    const steps: [string, string, string, unknown?][] = [
      ["trigger", "trigger", "success"],
      ["check", "condition", "success", { branch: "no" }],
      ["vip", "send_email", "skipped"],
      ["plain", "send_sms", "failed"],
    ];
    await insertSteps(id, steps);
    const stepRows = steps.map(([node_id, , status, result]) => ({ node_id, status, attempt: 1, result }));

    const { container } = renderWithStack(<ExecutionPathDiagram executionId={id} steps={stepRows} />);
    await screen.findByText("Send SMS", {}, { timeout: 15_000 });
    await waitFor(() => expect(diagramNode(container, "plain").dataset.status).toBe("failed"));
    expect(diagramNode(container, "trigger").dataset.status).toBe("success");
    expect(diagramNode(container, "vip").dataset.status).toBe("skipped");
    expect(diagramNode(container, "done").dataset.status).toBe("none");
    expect(diagramNode(container, "done").style.opacity).toBe("0.4");
    expect(diagramNode(container, "plain").style.opacity).toBe("1");
    expect(screen.getByText("Failed")).toBeTruthy();
  });
});
