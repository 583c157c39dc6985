import type { DiagramDefinition } from "./definition.ts";

export interface PathStep {
  node_id: string;
  status: string;
  attempt: number;
  result?: unknown;
}

export interface ExecutionPath {
  /** Each visited node's status in its latest attempt (skipped nodes included). */
  nodeStatus: Map<string, string>;
  /** Edges the execution went along: between two nodes it ran, on the branch it took. */
  takenEdges: Set<string>;
}

const RAN = new Set(["success", "failed", "running"]);

export function executionPath(definition: DiagramDefinition, steps: PathStep[]): ExecutionPath {
  const latest = new Map<string, PathStep>();
  for (const step of steps) {
    const seen = latest.get(step.node_id);
    if (!seen || step.attempt >= seen.attempt) latest.set(step.node_id, step);
  }
  const nodeStatus = new Map([...latest].map(([id, step]) => [id, step.status]));
  const takenEdges = new Set<string>();
  for (const edge of definition.edges) {
    const from = latest.get(edge.source);
    const to = latest.get(edge.target);
    if (!from || !to || from.status !== "success" || !RAN.has(to.status)) continue;
    if (edge.branch !== undefined && branchTaken(from.result) !== edge.branch) continue;
    takenEdges.add(edge.id);
  }
  return { nodeStatus, takenEdges };
}

function branchTaken(result: unknown): string | undefined {
  if (typeof result !== "object" || result === null) return undefined;
  const branch = (result as { branch?: unknown }).branch;
  return typeof branch === "string" ? branch : undefined;
}
