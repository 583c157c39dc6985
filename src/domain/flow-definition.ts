import { z } from "zod";

/**
 * A flow definition: `{ nodes, edges }` as the Flow Builder saves it. One schema for the
 * shape plus graph checks; the same validation runs when a flow is saved and when an
 * execution starts. Errors name the node and the field.
 */
const position = z.object({ x: z.number(), y: z.number() }).optional();
const nodeBase = { id: z.string().min(1).max(100), position };
const text = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`);

export const DELAY_UNITS = ["minutes", "hours", "days"] as const;
export const CONDITION_FIELDS = ["tags", "email", "name", "phone"] as const;
export const CONDITION_OPERATORS = [
  "contains",
  "not_contains",
  "equals",
  "not_equals",
  "is_set",
  "is_not_set",
] as const;

const delayConfig = z.union([
  z
    .object({
      amount: z
        .number()
        .int()
        .positive()
        .max(365 * 24 * 60),
      unit: z.enum(DELAY_UNITS),
    })
    .strict(),
  z.object({ until: z.iso.datetime({ offset: true, error: "until must be an ISO-8601 date-time" }) }).strict(),
]);

export const flowNodeSchema = z.discriminatedUnion("type", [
  z.object({ ...nodeBase, type: z.literal("trigger"), config: z.object({}).passthrough().default({}) }),
  z.object({
    ...nodeBase,
    type: z.literal("send_email"),
    config: z.object({ to: z.string().optional(), subject: text("subject"), body: text("body") }),
  }),
  z.object({
    ...nodeBase,
    type: z.literal("send_sms"),
    config: z.object({ to: z.string().optional(), body: text("body").max(1600) }),
  }),
  z.object({ ...nodeBase, type: z.literal("delay"), config: delayConfig }),
  z.object({
    ...nodeBase,
    type: z.literal("condition"),
    config: z.object({
      field: z.enum(CONDITION_FIELDS),
      operator: z.enum(CONDITION_OPERATORS),
      value: z.string().optional(),
    }),
  }),
  z.object({ ...nodeBase, type: z.literal("add_tag"), config: z.object({ tag: text("tag").max(100) }) }),
  z.object({ ...nodeBase, type: z.literal("remove_tag"), config: z.object({ tag: text("tag").max(100) }) }),
  z.object({
    ...nodeBase,
    type: z.literal("webhook"),
    config: z.object({
      url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }),
      timeoutMs: z.number().int().min(100).max(30_000).default(5_000),
    }),
  }),
  z.object({ ...nodeBase, type: z.literal("exit"), config: z.object({}).passthrough().default({}) }),
]);

export const flowEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  branch: z.enum(["yes", "no"]).optional(),
});

export const flowDefinitionSchema = z.object({
  nodes: z.array(flowNodeSchema).max(500),
  edges: z.array(flowEdgeSchema).max(2000),
});

export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
export type NodeOf<T extends FlowNode["type"]> = Extract<FlowNode, { type: T }>;

export interface DefinitionProblem {
  nodeId?: string;
  field?: string;
  message: string;
}

export type DefinitionCheck = { ok: true; definition: FlowDefinition } | { ok: false; problems: DefinitionProblem[] };

/** Shape first (zod), then the graph: one entry, real edges, no cycles, nothing unreachable. */
export function validateFlowDefinition(input: unknown): DefinitionCheck {
  const parsed = flowDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => shapeProblem(input, issue)) };
  const problems = graphProblems(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, definition: parsed.data };
}

export function describeProblems(problems: DefinitionProblem[]): string {
  return problems
    .map((p) => [p.nodeId ? `node "${p.nodeId}"` : undefined, p.field, p.message].filter(Boolean).join(": "))
    .join("; ");
}

function shapeProblem(input: unknown, issue: z.core.$ZodIssue): DefinitionProblem {
  const [collection, index, ...rest] = issue.path;
  if (collection === "nodes" && typeof index === "number") {
    const node = (input as { nodes?: { id?: unknown }[] }).nodes?.[index];
    const nodeId = typeof node?.id === "string" ? node.id : `#${index}`;
    const field = rest.join(".") || undefined;
    return { nodeId, field, message: issue.message };
  }
  return { field: issue.path.join(".") || undefined, message: issue.message };
}

function graphProblems(definition: FlowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const nodes = new Map<string, FlowNode>();
  for (const node of definition.nodes) {
    if (nodes.has(node.id)) problems.push({ nodeId: node.id, message: "node id is used twice" });
    nodes.set(node.id, node);
  }
  const triggers = definition.nodes.filter((n) => n.type === "trigger");
  if (triggers.length !== 1) {
    problems.push({ message: `a flow needs exactly one trigger node (found ${triggers.length})` });
  }

  const outgoing = new Map<string, FlowEdge[]>();
  for (const edge of definition.edges) {
    if (!nodes.has(edge.source))
      problems.push({ field: `edge ${edge.id}`, message: `source "${edge.source}" is not a node` });
    if (!nodes.has(edge.target))
      problems.push({ field: `edge ${edge.id}`, message: `target "${edge.target}" is not a node` });
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
  }

  for (const node of definition.nodes) {
    const edges = outgoing.get(node.id) ?? [];
    if (node.type === "condition") {
      for (const branch of ["yes", "no"] as const) {
        const count = edges.filter((e) => e.branch === branch).length;
        if (count !== 1)
          problems.push({ nodeId: node.id, message: `a condition needs one "${branch}" branch (found ${count})` });
      }
      if (edges.some((e) => e.branch === undefined)) {
        problems.push({ nodeId: node.id, message: 'every edge leaving a condition needs a branch ("yes" or "no")' });
      }
    } else if (node.type === "exit") {
      if (edges.length > 0) problems.push({ nodeId: node.id, message: "an exit node cannot have outgoing edges" });
    } else if (edges.length > 1) {
      problems.push({ nodeId: node.id, message: `only a condition can branch (found ${edges.length} outgoing edges)` });
    } else if (edges[0]?.branch) {
      problems.push({ nodeId: node.id, message: "only edges leaving a condition have a branch" });
    }
    if (node.type === "trigger" && definition.edges.some((e) => e.target === node.id)) {
      problems.push({ nodeId: node.id, message: "the trigger cannot have incoming edges" });
    }
  }
  if (problems.length || !triggers[0]) return problems;

  // Depth-first from the trigger: grey nodes on the stack reveal cycles.
  const state = new Map<string, "grey" | "black">();
  const visit = (id: string) => {
    state.set(id, "grey");
    for (const edge of outgoing.get(id) ?? []) {
      const next = state.get(edge.target);
      if (next === "grey") problems.push({ nodeId: edge.target, message: `a cycle returns to this node from "${id}"` });
      else if (next === undefined) visit(edge.target);
    }
    state.set(id, "black");
  };
  visit(triggers[0].id);
  for (const node of definition.nodes) {
    if (!state.has(node.id)) problems.push({ nodeId: node.id, message: "node is not reachable from the trigger" });
  }
  return problems;
}
