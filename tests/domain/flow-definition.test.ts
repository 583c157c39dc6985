import { describe, expect, it } from "vitest";
import { describeProblems, validateFlowDefinition } from "../../src/domain/flow-definition.ts";
import { ACTION_LABELS, actionLabel, NODE_TYPES } from "../../src/domain/node-types.ts";

const trigger = { id: "start", type: "trigger", config: {} };
const email = (id: string) => ({ id, type: "send_email", config: { subject: "Hi", body: "Hello" } });
const edge = (source: string, target: string, branch?: "yes" | "no") => ({
  id: `${source}-${target}`,
  source,
  target,
  ...(branch ? { branch } : {}),
});

function problemsOf(definition: unknown) {
  const check = validateFlowDefinition(definition);
  if (check.ok) throw new Error("expected the definition to be refused");
  return check.problems;
}

describe("validateFlowDefinition", () => {
  it("accepts a straight flow and fills defaults", () => {
    const check = validateFlowDefinition({
      nodes: [trigger, email("a"), { id: "hook", type: "webhook", config: { url: "https://example.com/hook" } }],
      edges: [edge("start", "a"), edge("a", "hook")],
    });
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.definition.nodes[2]).toMatchObject({ config: { timeoutMs: 5000 } });
  });

  it.each([
    ["a missing subject", { ...email("a"), config: { body: "x" } }, "a", "config.subject"],
    ["an empty SMS body", { id: "s", type: "send_sms", config: { body: "  " } }, "s", "config.body"],
    ["a delay without a duration", { id: "d", type: "delay", config: {} }, "d", "config"],
    ["a zero delay", { id: "d", type: "delay", config: { amount: 0, unit: "days" } }, "d", "config.amount"],
    ["a webhook with a non-http url", { id: "w", type: "webhook", config: { url: "ftp://x" } }, "w", "config.url"],
    [
      "a condition on an unknown field",
      { id: "c", type: "condition", config: { field: "age", operator: "equals" } },
      "c",
      "config.field",
    ],
    ["an unknown node type", { id: "x", type: "teleport", config: {} }, "x", "type"],
  ])("names the node and field for %s", (_label, bad, nodeId, field) => {
    const problems = problemsOf({ nodes: [trigger, bad], edges: [edge("start", (bad as { id: string }).id)] });
    expect(problems).toContainEqual(expect.objectContaining({ nodeId, field }));
  });

  it.each([
    ["no trigger", { nodes: [email("a")], edges: [] }, undefined, /exactly one trigger/],
    ["two triggers", { nodes: [trigger, { ...trigger, id: "t2" }], edges: [] }, undefined, /exactly one trigger/],
    [
      "an edge to a missing node",
      { nodes: [trigger], edges: [edge("start", "ghost")] },
      undefined,
      /"ghost" is not a node/,
    ],
    [
      "an unreachable node",
      { nodes: [trigger, email("a"), email("island")], edges: [edge("start", "a")] },
      "island",
      /not reachable/,
    ],
    [
      "a cycle",
      { nodes: [trigger, email("a"), email("b")], edges: [edge("start", "a"), edge("a", "b"), edge("b", "a")] },
      "a",
      /cycle/,
    ],
    [
      "a branch outside a condition",
      { nodes: [trigger, email("a")], edges: [edge("start", "a", "yes")] },
      "start",
      /only edges leaving a condition/,
    ],
    [
      "two edges out of an email",
      {
        nodes: [trigger, email("a"), email("b"), email("c")],
        edges: [edge("start", "a"), edge("a", "b"), edge("a", "c")],
      },
      "a",
      /only a condition can branch/,
    ],
    [
      "an exit with an outgoing edge",
      {
        nodes: [trigger, { id: "x", type: "exit", config: {} }, email("a")],
        edges: [edge("start", "x"), edge("x", "a")],
      },
      "x",
      /exit node cannot/,
    ],
    [
      "a duplicated node id",
      { nodes: [trigger, email("a"), email("a")], edges: [edge("start", "a")] },
      "a",
      /used twice/,
    ],
  ])("refuses %s", (_label, definition, nodeId, message) => {
    const problems = problemsOf(definition);
    expect(problems).toContainEqual(
      expect.objectContaining({ ...(nodeId ? { nodeId } : {}), message: expect.stringMatching(message) }),
    );
  });

  it("requires a condition to have both branches", () => {
    const condition = { id: "c", type: "condition", config: { field: "tags", operator: "contains", value: "vip" } };
    const problems = problemsOf({
      nodes: [trigger, condition, email("a")],
      edges: [edge("start", "c"), edge("c", "a", "yes")],
    });
    expect(problems).toEqual([expect.objectContaining({ nodeId: "c", message: expect.stringMatching(/"no" branch/) })]);
  });

  it("describes problems in one readable line", () => {
    expect(describeProblems([{ nodeId: "a", field: "config.subject", message: "subject is required" }])).toBe(
      'node "a": config.subject: subject is required',
    );
  });
});

describe("action labels", () => {
  it("has a label for every node type", () => {
    expect(Object.keys(ACTION_LABELS).sort()).toEqual([...NODE_TYPES].sort());
    expect(actionLabel("send_email")).toBe("Send Email");
    expect(actionLabel("send_sms")).toBe("Send SMS");
    expect(actionLabel("delay")).toBe("Delay");
  });

  it("shows an unknown type's raw name", () => {
    expect(actionLabel("send_fax")).toBe("send_fax");
  });
});
