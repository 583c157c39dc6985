import type { DiagramDefinition, DiagramEdge } from "./definition.ts";

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 80;
const GAP_X = 40;
const GAP_Y = 56;

export interface PlacedNode {
  id: string;
  layer: number;
  /** Top-left corner, as @xyflow/react positions nodes. */
  x: number;
  y: number;
}

/** "yes" to the left of "no"; other names keep the definition's order between them. */
function branchRank(edge: DiagramEdge): number {
  return edge.branch === "yes" ? 0 : edge.branch === "no" ? 2 : 1;
}

/**
 * A top-down layered layout, deterministic for a given definition: each node sits one
 * layer below its lowest parent; within a layer nodes keep depth-first order from the
 * trigger (so a condition's branches sit side by side, "yes" left), each as close as it
 * can get to the middle of its parents without overlapping its neighbours.
 */
export function layoutFlow(definition: DiagramDefinition): PlacedNode[] {
  const ids = definition.nodes.map((n) => n.id);
  const outgoing = new Map<string, DiagramEdge[]>(ids.map((id) => [id, []]));
  for (const edge of definition.edges) outgoing.get(edge.source)?.push(edge);
  for (const edges of outgoing.values()) edges.sort((a, b) => branchRank(a) - branchRank(b));

  const { order, forward } = depthFirst(definition, outgoing);
  const layer = longestPathLayers(ids, forward);
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of forward) parents.get(edge.target)?.push(edge.source);

  const layers: string[][] = [];
  for (const id of [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))) {
    const depth = layer.get(id) ?? 0;
    layers[depth] = [...(layers[depth] ?? []), id];
  }

  const centre = new Map<string, number>();
  for (const row of layers) {
    if (!row) continue;
    const wanted = row.map((id) => {
      const xs = (parents.get(id) ?? []).map((p) => centre.get(p)).filter((x) => x !== undefined);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    });
    const placed: number[] = [];
    wanted.forEach((x, i) => {
      placed.push(i === 0 ? x : Math.max(x, (placed[i - 1] as number) + NODE_WIDTH + GAP_X));
    });
    // Pushing right to avoid overlaps drifts the row; shift it back as a whole.
    const drift = placed.reduce((sum, x, i) => sum + x - (wanted[i] as number), 0) / placed.length;
    row.forEach((id, i) => {
      centre.set(id, (placed[i] as number) - drift);
    });
  }

  return ids.map((id) => {
    const depth = layer.get(id) ?? 0;
    return { id, layer: depth, x: (centre.get(id) ?? 0) - NODE_WIDTH / 2, y: depth * (NODE_HEIGHT + GAP_Y) };
  });
}

/** Pre-order from the roots (triggers first), and the edges that do not close a cycle. */
function depthFirst(definition: DiagramDefinition, outgoing: Map<string, DiagramEdge[]>) {
  const order = new Map<string, number>();
  const onStack = new Set<string>();
  const forward: DiagramEdge[] = [];
  const visit = (id: string) => {
    order.set(id, order.size);
    onStack.add(id);
    for (const edge of outgoing.get(id) ?? []) {
      if (onStack.has(edge.target)) continue;
      forward.push(edge);
      if (!order.has(edge.target)) visit(edge.target);
    }
    onStack.delete(id);
  };
  const targets = new Set(definition.edges.map((e) => e.target));
  const roots = definition.nodes.filter((n) => !targets.has(n.id));
  const starts = [
    ...roots.filter((n) => n.type === "trigger"),
    ...roots.filter((n) => n.type !== "trigger"),
    ...definition.nodes,
  ];
  for (const node of starts) if (!order.has(node.id)) visit(node.id);
  return { order, forward };
}

function longestPathLayers(ids: string[], forward: DiagramEdge[]): Map<string, number> {
  const incoming = new Map<string, number>(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of forward) {
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
    next.get(edge.source)?.push(edge.target);
  }
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  const ready = ids.filter((id) => incoming.get(id) === 0);
  while (ready.length) {
    const id = ready.shift() as string;
    for (const target of next.get(id) ?? []) {
      layer.set(target, Math.max(layer.get(target) ?? 0, (layer.get(id) ?? 0) + 1));
      const left = (incoming.get(target) ?? 0) - 1;
      incoming.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  return layer;
}
