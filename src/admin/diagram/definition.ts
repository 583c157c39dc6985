/**
 * What the diagram draws: a flow definition as stored, read leniently. An execution's
 * snapshot may come from an older version of the Flow Builder (unknown node types, missing
 * edges or configs), and the diagram still shows what it can.
 */
export interface DiagramNode {
  id: string;
  type: string;
}

export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  branch?: string;
}

export interface DiagramDefinition {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export function toDiagramDefinition(value: unknown): DiagramDefinition | null {
  if (!isRecord(value) || !Array.isArray(value.nodes)) return null;
  const nodes = value.nodes
    .filter(isRecord)
    .flatMap((n) =>
      typeof n.id === "string" ? [{ id: n.id, type: typeof n.type === "string" ? n.type : "unknown" }] : [],
    );
  const ids = new Set(nodes.map((n) => n.id));
  const edges = (Array.isArray(value.edges) ? value.edges : []).filter(isRecord).flatMap((e, index) =>
    typeof e.source === "string" && typeof e.target === "string" && ids.has(e.source) && ids.has(e.target)
      ? [
          {
            id: typeof e.id === "string" ? e.id : `edge-${index}`,
            source: e.source,
            target: e.target,
            ...(typeof e.branch === "string" ? { branch: e.branch } : {}),
          },
        ]
      : [],
  );
  return { nodes, edges };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
