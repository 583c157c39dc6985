import { describeProblems, type FlowNode, type NodeOf, validateFlowDefinition } from "../domain/flow-definition.ts";
import { FlowGraph } from "./graph.ts";
import { executeNode } from "./nodes.ts";
import type { EnginePorts, LoadedExecution, StepRecord } from "./ports.ts";

export type RunOutcome = "completed" | "failed" | "cancelled" | "waiting" | "not_runnable";

const DELAY_UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** The key a side effect carries so a replayed node never sends twice. */
export function idempotencyKey(executionId: string, nodeId: string, attempt: number): string {
  return `${executionId}:${nodeId}:${attempt}`;
}

/**
 * Runs an execution from wherever it stands. Steps already finished (in any attempt) are
 * followed, not repeated, so a first run, a resume after a delay, a restart after a crash
 * and a retry from the failed step are all this one path.
 */
export async function runExecution(executionId: string, ports: EnginePorts): Promise<RunOutcome> {
  const execution = await ports.store.load(executionId);
  if (!execution) throw new Error(`execution ${executionId} does not exist`);
  if (execution.status !== "pending" && execution.status !== "running") return "not_runnable";

  const check = validateFlowDefinition(execution.metadata.workflowDefinition);
  if (!check.ok) {
    await ports.store.fail(executionId, null, execution.attempt, `invalid flow: ${describeProblems(check.problems)}`);
    return "failed";
  }

  const graph = new FlowGraph(check.definition);
  const finished = finishedSteps(execution.steps);
  const contact = { ...execution.contact, tags: [...execution.contact.tags] };
  const path: string[] = [];

  for (let node = graph.entry as ReturnType<FlowGraph["node"]> | undefined; node; ) {
    path.push(node.id);
    const done = finished.get(node.id);
    if (done) {
      node = graph.next(node.id, branchOf(done));
      continue;
    }

    const key = idempotencyKey(executionId, node.id, execution.attempt);
    // An instant node is recorded with the next write, which also re-checks cancellation;
    // any other first records its start, which is where a cancel is honoured.
    const instant = isInstant(node, ports);
    const startedAt = instant ? undefined : await ports.store.startStep(executionId, node, execution.attempt);
    if (!instant && !startedAt) return "cancelled";

    if (node.type === "delay") {
      const started = startedAt as Date;
      const due = dueTime(node, started);
      if (due > ports.now()) {
        await ports.store.waitUntil(executionId, node.id, execution.attempt, due);
        if ((await ports.waiter.until(executionId, due)) === "suspended") return "waiting";
      }
      await ports.store.finishStep(executionId, node.id, execution.attempt, {
        status: "success",
        result: { resumeAt: due.toISOString(), waitedMs: Math.max(0, due.getTime() - started.getTime()) },
      });
      node = graph.next(node.id);
      continue;
    }

    let result: Record<string, unknown>;
    try {
      result = await executeNode(node, { execution, contact, ports, idempotencyKey: key });
    } catch (error) {
      await ports.store.fail(executionId, node, execution.attempt, errorMessage(error));
      return "failed";
    }
    if (!instant) {
      await ports.store.finishStep(executionId, node.id, execution.attempt, { status: "success", result });
      node = graph.next(node.id);
      continue;
    }
    await ports.store.recordStep(executionId, node, execution.attempt, result);
    const branch = node.type === "condition" ? (result.branch as "yes" | "no") : undefined;
    if (branch) await ports.store.skipSteps(executionId, graph.notTaken(node.id, branch), execution.attempt, node.id);
    node = graph.next(node.id, branch);
  }

  await ports.store.complete(executionId, execution.attempt, {
    path,
    attempt: execution.attempt,
    completedNodes: path.length,
  });
  return "completed";
}

/**
 * Nodes whose only outcome is what the next write records: nodes without effects, and sends
 * when the messenger only captures them in that write (the local outbox).
 */
function isInstant(node: FlowNode, ports: EnginePorts): boolean {
  switch (node.type) {
    case "trigger":
    case "condition":
    case "exit":
      return true;
    case "send_email":
    case "send_sms":
      return ports.messenger.sendsWithNextWrite === true;
    case "delay":
    case "add_tag":
    case "remove_tag":
    case "webhook":
      return false;
    default: {
      const unknown: never = node;
      return unknown;
    }
  }
}

/** The latest success or skip per node, across attempts. */
function finishedSteps(steps: StepRecord[]): Map<string, StepRecord> {
  const finished = new Map<string, StepRecord>();
  for (const step of steps) {
    if (step.status === "success" || step.status === "skipped") finished.set(step.nodeId, step);
  }
  return finished;
}

function branchOf(step: StepRecord): "yes" | "no" | undefined {
  const branch = step.result?.branch;
  return branch === "yes" || branch === "no" ? branch : undefined;
}

/** Measured from the step's first start, so a resumed or restarted run waits no longer. */
function dueTime(node: NodeOf<"delay">, startedAt: Date): Date {
  const config = node.config;
  if ("until" in config) return new Date(config.until);
  return new Date(startedAt.getTime() + config.amount * DELAY_UNIT_MS[config.unit]);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { LoadedExecution };
