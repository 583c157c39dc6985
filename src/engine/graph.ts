import type { FlowDefinition, FlowEdge, FlowNode } from "../domain/flow-definition.ts";

/** Navigation over a validated definition. */
export class FlowGraph {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly outgoing = new Map<string, FlowEdge[]>();

  constructor(definition: FlowDefinition) {
    for (const node of definition.nodes) this.nodes.set(node.id, node);
    for (const edge of definition.edges)
      this.outgoing.set(edge.source, [...(this.outgoing.get(edge.source) ?? []), edge]);
  }

  get entry(): FlowNode {
    const trigger = [...this.nodes.values()].find((n) => n.type === "trigger");
    if (!trigger) throw new Error("definition has no trigger");
    return trigger;
  }

  node(id: string): FlowNode {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`definition has no node "${id}"`);
    return node;
  }

  /** The next node after `id`; for a condition, along the branch taken. */
  next(id: string, branch?: "yes" | "no"): FlowNode | undefined {
    const edges = this.outgoing.get(id) ?? [];
    const edge = branch ? edges.find((e) => e.branch === branch) : edges[0];
    return edge ? this.node(edge.target) : undefined;
  }

  /** Nodes only reachable through the branch not taken: the ones to record as skipped. */
  notTaken(conditionId: string, taken: "yes" | "no"): FlowNode[] {
    const other = this.next(conditionId, taken === "yes" ? "no" : "yes");
    const chosen = this.next(conditionId, taken);
    if (!other) return [];
    const reachableFromChosen = chosen ? this.reachable(chosen.id) : new Set<string>();
    return [...this.reachable(other.id)].filter((id) => !reachableFromChosen.has(id)).map((id) => this.node(id));
  }

  private reachable(from: string): Set<string> {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const edge of this.outgoing.get(id) ?? []) stack.push(edge.target);
    }
    return seen;
  }
}
